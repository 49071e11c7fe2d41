import {
  OUTBOX_STATES,
  type OutboxItem,
  type OutboxProgress,
  type OutboxState,
} from "./outbox-repository.js";

/** What of a send its purpose's counts read. */
export type OutboxCounted = Pick<
  OutboxItem,
  "state" | "firstClaimedAt" | "finishedAt" | "textOnly"
>;

/**
 * The counts of a purpose's sends already forgotten: every ended send that finished before
 * `through` is counted here and nowhere else, so a prune that crashed after writing this and
 * before removing its sends counts nothing twice.
 */
export interface PurposeSummary extends Record<OutboxState, number> {
  purpose: string;
  total: number;
  /** Of `sent`, the text-only ones; absent in summaries kept before they were counted apart. */
  textOnly?: number;
  /** Ended sends that finished before this instant are in the counts above. */
  through: string;
  startedAt?: string;
  finishedAt?: string;
}

/** True when a send has ended: it will never change again. */
export function ended(item: Pick<OutboxItem, "state">): boolean {
  return item.state === "sent" || item.state === "failed" || item.state === "blocked";
}

/** True when a send is already counted in its purpose's summary (and only waits to be removed). */
export function coveredBy(summary: PurposeSummary | undefined, item: OutboxCounted): boolean {
  return (
    summary !== undefined && ended(item) && !!item.finishedAt && item.finishedAt < summary.through
  );
}

/**
 * A purpose's progress: the kept summary of what was pruned plus the sends still in the ledger,
 * so counts and times read the same before and after a prune.
 */
export function progressWithSummary(
  purpose: string,
  summary: PurposeSummary | undefined,
  list: readonly OutboxCounted[],
): OutboxProgress {
  const progress: OutboxProgress = {
    purpose,
    total: summary?.total ?? 0,
    textOnly: summary?.textOnly ?? 0,
    ...(Object.fromEntries(OUTBOX_STATES.map((state) => [state, summary?.[state] ?? 0])) as Record<
      OutboxState,
      number
    >),
    ...(summary?.startedAt ? { startedAt: summary.startedAt } : {}),
  };
  let finishedAt = summary?.finishedAt;
  for (const item of list) {
    if (coveredBy(summary, item)) continue;
    progress.total += 1;
    progress[item.state] += 1;
    if (item.textOnly) progress.textOnly += 1;
    if (item.firstClaimedAt && (!progress.startedAt || item.firstClaimedAt < progress.startedAt)) {
      progress.startedAt = item.firstClaimedAt;
    }
    if (item.finishedAt && (!finishedAt || item.finishedAt > finishedAt)) {
      finishedAt = item.finishedAt;
    }
  }
  if (progress.total > 0 && progress.queued === 0 && progress.sending === 0 && finishedAt) {
    progress.finishedAt = finishedAt;
  }
  return progress;
}

/** A purpose's summary with the counts of newly expired sends added, covering up to `through`. */
export function foldIntoSummary(
  purpose: string,
  previous: PurposeSummary | undefined,
  through: string,
  expired: readonly OutboxCounted[],
): PurposeSummary {
  const summary: PurposeSummary = previous
    ? { ...previous, through }
    : {
        purpose,
        total: 0,
        through,
        ...(Object.fromEntries(OUTBOX_STATES.map((state) => [state, 0])) as Record<
          OutboxState,
          number
        >),
      };
  for (const item of expired) {
    // Already counted by an earlier prune that crashed before removing it.
    if (coveredBy(previous, item)) continue;
    summary.total += 1;
    summary[item.state] += 1;
    if (item.textOnly) summary.textOnly = (summary.textOnly ?? 0) + 1;
    if (item.firstClaimedAt && (!summary.startedAt || item.firstClaimedAt < summary.startedAt)) {
      summary.startedAt = item.firstClaimedAt;
    }
    if (item.finishedAt && (!summary.finishedAt || item.finishedAt > summary.finishedAt)) {
      summary.finishedAt = item.finishedAt;
    }
  }
  return summary;
}
