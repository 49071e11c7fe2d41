import type { EnqueueRequest } from "../../delivery/outbox.js";
import { broadcasterGrants, withinBroadcasterScope } from "../../domain/audience.js";
import {
  type Broadcast,
  type BroadcastRun,
  broadcastIdOfPurpose,
  type RunCounts,
  receivedWhole,
  runPurpose,
} from "../../domain/broadcast.js";
import { finishRun, startRun, withRun } from "../../domain/broadcast-lifecycle.js";
import { dueOccurrence } from "../../domain/broadcast-schedule.js";
import { localDate } from "../../domain/local-time.js";
import { formatNumber } from "../../render/format.js";
import type { OutboxProgress } from "../../store/outbox-repository.js";
import { addressedTo } from "../shared-phone.js";
import { auditLine, changeBroadcast } from "./broadcast-changes.js";
import {
  type BroadcastEnv,
  type ChatSelection,
  selectAudience,
  unitTreeOf,
} from "./broadcast-env.js";
import { memberMessages } from "./broadcast-message.js";
import { tellAuthor } from "./broadcast-notices.js";
import { broadcastName, formatDuration } from "./broadcast-texts.js";

/**
 * Starts every occurrence that is due now: "now" ones just approved, "at" ones whose time has
 * come, weekly ones at their weekly time (the latest only, after downtime). Each occurrence is
 * recorded as a run before anything is queued, so it starts once, across restarts.
 */
export async function fireDue(env: BroadcastEnv, quietly: ReadonlySet<string> = new Set()) {
  const { deps } = env;
  let started = 0;
  for (const broadcast of await deps.store.broadcasts.listInStates(["scheduled"])) {
    const occurrence = dueOccurrence(broadcast, deps.now(), deps.config.timeZone);
    if (!occurrence) continue;
    try {
      if (await startOccurrence(env, broadcast.id, occurrence, !quietly.has(broadcast.id))) {
        started += 1;
      }
    } catch (error) {
      deps.logger.error({ err: error, broadcast: broadcast.id }, "broadcast: could not start");
    }
  }
  return started;
}

/**
 * Starts one occurrence: checks the author's scope again, selects the audience as it is now,
 * records the run, queues one send per recipient (keyed `<purpose>:<member>`, so queueing again
 * after a crash sends nothing twice), and tells the author it has started.
 */
async function startOccurrence(
  env: BroadcastEnv,
  id: string,
  occurrence: Date,
  tellStart: boolean,
): Promise<boolean> {
  const { deps } = env;
  const { store } = deps;
  const at = deps.now().toISOString();
  const purposeOf = (b: Broadcast) => runPurpose(b, localDate(occurrence, deps.config.timeZone));
  // The audience as selected when the run is recorded is the one queued (no second look).
  let selection: ChatSelection | undefined;
  const result = await changeBroadcast(env, id, at, async (current) => {
    const due = dueOccurrence(current, deps.now(), deps.config.timeZone);
    if (!due || due.getTime() !== occurrence.getTime()) return { kind: "nothing" };
    const author = await store.members.get(current.authorId);
    const tree = await unitTreeOf(store);
    const allowed =
      author?.active === true &&
      withinBroadcasterScope(broadcasterGrants(author), current.audience, tree);
    if (!allowed) {
      return {
        kind: "change",
        broadcast: { ...current, state: "cancelled", cancellation: { by: "", at }, updatedAt: at },
        audit: [auditLine("refused", undefined, { reason: "out-of-scope" })],
      };
    }
    selection = await selectAudience(store, current.audience);
    const run: BroadcastRun = {
      occurrence: occurrence.toISOString(),
      purpose: purposeOf(current),
      state: "enqueuing",
      version: current.version,
      startedAt: at,
      recipients: selection.recipients.length,
      optedOut: selection.optedOut.length,
      unreachable: selection.unreachable.length,
    };
    return {
      kind: "change",
      broadcast: startRun(current, run),
      audit: [
        auditLine("started", undefined, {
          occurrence: run.occurrence,
          recipients: run.recipients,
          optedOut: run.optedOut,
          unreachable: run.unreachable,
        }),
      ],
    };
  });
  if (!result.ok || !result.changed) return false;
  const broadcast = result.broadcast;
  if (broadcast.state === "cancelled") {
    await tellAuthor(env, broadcast, `refused:${occurrence.toISOString()}`, (t) =>
      t("broadcast:notice.outOfScope", { name: broadcastName(t, broadcast) }),
    );
    return false;
  }
  const run = broadcast.runs.at(-1) as BroadcastRun;
  // Queued before the sends, so that once any send can go out the notice is stored too: a
  // crash right after the first sends still tells the author once.
  if (tellStart && run.recipients > 0) {
    await tellAuthor(env, broadcast, `started:${run.purpose}`, (t, author) =>
      t("broadcast:notice.started", {
        name: broadcastName(t, broadcast),
        count: run.recipients,
        total: formatNumber(author.locale, run.recipients),
      }),
    );
  }
  await enqueueRun(env, broadcast, run, selection);
  return true;
}

/** Queues a run's sends and marks it `sending` (a run with nobody to send to ends at once). */
async function enqueueRun(
  env: BroadcastEnv,
  broadcast: Broadcast,
  run: BroadcastRun,
  selected?: ChatSelection,
) {
  const { deps } = env;
  const selection = selected ?? (await selectAudience(deps.store, broadcast.audience));
  const messageIn = memberMessages(deps, { ...broadcast, orgIds: broadcast.audience.orgIds });
  const requests: EnqueueRequest[] = [];
  for (const member of selection.recipients) {
    requests.push({
      key: `${run.purpose}:${member.id}`,
      purpose: run.purpose,
      memberId: member.id,
      message: selection.addressed.has(member.id)
        ? addressedTo(deps, member, await messageIn(member.locale))
        : await messageIn(member.locale),
      urgent: broadcast.urgent,
    });
  }
  await env.outbox.enqueueMany(requests);
  const at = deps.now().toISOString();
  await changeBroadcast(env, broadcast.id, at, (current) => {
    const stored = current.runs.find((r) => r.purpose === run.purpose);
    if (stored?.state !== "enqueuing") return { kind: "nothing" };
    return {
      kind: "change",
      broadcast: withRun(current, run.purpose, (r) => ({ ...r, state: "sending" }), at),
      audit: [],
    };
  });
  if (requests.length === 0) {
    await finishRunOf(env, run.purpose, await env.outbox.progress(run.purpose), 0);
  }
}

/**
 * Closes a run once the outbox has nothing left of it: records the ledger's counts and tells
 * the author (sent, failed, blocked, opted out, how long it took). Called by the delivery
 * worker's "done" event, and at start for runs that ended while the bot was down.
 */
export async function finishRunOf(
  env: BroadcastEnv,
  purpose: string,
  progress: OutboxProgress,
  durationMs: number,
): Promise<void> {
  const id = broadcastIdOfPurpose(purpose);
  if (!id) return;
  const { deps } = env;
  const at = deps.now().toISOString();
  const counts: RunCounts = {
    sent: progress.sent,
    ...(progress.textOnly > 0 ? { textOnly: progress.textOnly } : {}),
    failed: progress.failed,
    blocked: progress.blocked,
  };
  const result = await changeBroadcast(env, id, at, (current) => {
    const run = current.runs.find((r) => r.purpose === purpose);
    if (!run || run.state === "done") return { kind: "nothing" };
    return {
      kind: "change",
      broadcast: finishRun(current, purpose, { counts, at, durationMs }),
      audit: [
        auditLine("sent", undefined, {
          ...counts,
          optedOut: run.optedOut,
          unreachable: run.unreachable,
          durationMs,
        }),
      ],
    };
  });
  if (!result.ok || !result.changed) return;
  const broadcast = result.broadcast;
  const run = broadcast.runs.find((r) => r.purpose === purpose) as BroadcastRun;
  await tellAuthor(env, broadcast, `report:${purpose}`, (t, author) => {
    const n = (value: number) => formatNumber(author.locale, value);
    const textOnly = counts.textOnly ?? 0;
    return t(textOnly > 0 ? "broadcast:notice.reportTextOnly" : "broadcast:notice.report", {
      name: broadcastName(t, broadcast),
      duration: formatDuration(t, durationMs),
      sent: n(receivedWhole(counts)),
      textOnly: n(textOnly),
      failed: n(counts.failed),
      blocked: n(counts.blocked + run.unreachable),
      optedOut: n(run.optedOut),
    });
  });
}

/**
 * At start, after the delivery worker took back what was in flight: queues again the runs a
 * crash caught while queueing (their keys make it exact), and closes those whose sends all
 * ended while nobody was listening.
 */
export async function recoverRuns(env: BroadcastEnv): Promise<void> {
  const { deps } = env;
  for (const broadcast of await deps.store.broadcasts.list()) {
    for (const run of broadcast.runs) {
      if (run.state === "enqueuing") {
        await enqueueRun(env, broadcast, run);
      } else if (run.state === "sending") {
        const progress = await env.outbox.progress(run.purpose);
        if (progress.queued === 0 && progress.sending === 0) {
          const started = progress.startedAt
            ? Date.parse(progress.startedAt)
            : Date.parse(run.startedAt);
          const finished = progress.finishedAt ? Date.parse(progress.finishedAt) : started;
          await finishRunOf(env, run.purpose, progress, finished - started);
        }
      }
    }
  }
}
