import { rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import {
  OUTBOX_STATES,
  type OutboxItem,
  type OutboxProgress,
  type OutboxPruneResult,
  type OutboxState,
} from "../outbox-repository.js";
import type { Collection } from "./collection.js";

/**
 * The counts of a purpose's sends already forgotten: every ended send that finished before
 * `through` is counted here and nowhere else, so a prune that crashed after writing this and
 * before removing its sends counts nothing twice.
 */
export interface PurposeSummary extends Record<OutboxState, number> {
  purpose: string;
  total: number;
  /** Absent in summaries kept before text-only sends were counted apart. */
  textOnly?: number;
  /** Ended sends that finished before this instant are in the counts above. */
  through: string;
  startedAt?: string;
  finishedAt?: string;
}

/** A stored message as the pruning sees it: its id and the file it refers to. */
export interface PayloadRef {
  id: string;
  file?: { sha256: string };
}

/** What pruning works on: the outbox's collections, its files folder, and what is being saved. */
export interface PruneParts {
  items: Collection<OutboxItem>;
  summaries: Collection<PurposeSummary>;
  payloads: Pick<Collection<PayloadRef>, "all" | "remove">;
  filesDir: string;
  /**
   * Payload ids and file hashes saved and not enqueued yet: referenced by nothing for a
   * moment, they must not go.
   */
  recentlySaved: () => ReadonlySet<string>;
}

const FILE_NAME = /^[0-9a-f]{64}$/;

/** True when a send has ended: it will never change again. */
function ended(item: OutboxItem): boolean {
  return item.state === "sent" || item.state === "failed" || item.state === "blocked";
}

/** True when a send is already counted in its purpose's summary (and only waits to be removed). */
export function coveredBy(summary: PurposeSummary | undefined, item: OutboxItem): boolean {
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
  list: readonly OutboxItem[],
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

/**
 * Forgets ended sends older than `finishedBefore`. Order makes a crash harmless: summaries
 * first (they cover the sends from then on), then the sends, then messages nothing refers to,
 * then files no message refers to; each step also finishes what an interrupted run left.
 */
export async function pruneOutbox(
  parts: PruneParts,
  finishedBefore: string,
): Promise<OutboxPruneResult> {
  const { items, summaries, payloads } = parts;

  const byPurpose = new Map<string, OutboxItem[]>();
  for (const item of items.all()) {
    if (!ended(item) || !item.finishedAt) continue;
    const cutoff = maxIso(finishedBefore, summaries.get(item.purpose)?.through);
    if (item.finishedAt >= cutoff) continue;
    const list = byPurpose.get(item.purpose) ?? [];
    list.push(item);
    byPurpose.set(item.purpose, list);
  }

  const folded: PurposeSummary[] = [];
  for (const [purpose, expired] of byPurpose) {
    const previous = summaries.get(purpose);
    if (previous && previous.through >= finishedBefore) continue;
    folded.push(fold(purpose, previous, finishedBefore, expired));
  }
  await summaries.put(...folded);

  const gone = [...byPurpose.values()].flat().map((item) => item.key);
  await items.remove(...gone);
  await items.dropEmptyFiles();

  // Decided in one tick with the removal (no await between), so a send enqueued meanwhile counts.
  const referenced = new Set(items.all().map((item) => item.payloadId));
  const saved = parts.recentlySaved();
  const unused = payloads
    .all()
    .filter((doc) => !referenced.has(doc.id) && !saved.has(doc.id))
    .map((doc) => doc.id);
  await payloads.remove(...unused);

  return {
    items: gone.length,
    purposes: folded.length,
    payloads: unused.length,
    files: await removeUnreferencedFiles(parts),
  };
}

/** A purpose's summary with the counts of newly expired sends added, covering up to `through`. */
function fold(
  purpose: string,
  previous: PurposeSummary | undefined,
  through: string,
  expired: readonly OutboxItem[],
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

/** Deletes stored files no remaining message refers to (also those a crashed prune left). */
async function removeUnreferencedFiles(parts: PruneParts): Promise<number> {
  const names = await readdir(parts.filesDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const kept = new Set(parts.payloads.all().flatMap((doc) => (doc.file ? [doc.file.sha256] : [])));
  let removed = 0;
  for (const name of names) {
    if (!FILE_NAME.test(name) || kept.has(name)) continue;
    // A message saved while this runs marks its file first: checked right before each removal,
    // which is synchronous, so a file about to be reused is never taken from under it.
    if (parts.recentlySaved().has(name)) continue;
    rmSync(join(parts.filesDir, name), { force: true });
    removed += 1;
  }
  return removed;
}

function maxIso(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}
