import type { Broadcast, BroadcastRun } from "../../domain/broadcast.js";
import {
  broadcastIdOfPurpose,
  recallPurposeOf,
  runPurposeOfRecall,
} from "../../domain/broadcast.js";
import { recallableRun, recordRecall, withRun } from "../../domain/broadcast-lifecycle.js";
import type { Member } from "../../domain/member.js";
import { formatNumber } from "../../render/format.js";
import type { OutboxProgress } from "../../store/outbox-repository.js";
import { auditLine, changeBroadcast } from "./broadcast-changes.js";
import type { BroadcastEnv } from "./broadcast-env.js";
import { tellAuthor } from "./broadcast-notices.js";
import { mayManage } from "./broadcast-service.js";
import { broadcastName } from "./broadcast-texts.js";

/** Why a recall cannot start. */
export type RecallRefusal = "not-found" | "not-allowed" | "not-recallable";

/** Checks a recall may start: the broadcast exists, the member may manage it, a finished run is left. */
export async function recallTarget(
  env: BroadcastEnv,
  member: Member,
  id: string,
): Promise<
  { ok: true; broadcast: Broadcast; run: BroadcastRun } | { ok: false; reason: RecallRefusal }
> {
  const broadcast = await env.deps.store.broadcasts.get(id);
  if (!broadcast) return { ok: false, reason: "not-found" };
  if (!(await mayManage(env, member, broadcast))) return { ok: false, reason: "not-allowed" };
  const run = recallableRun(broadcast);
  return run ? { ok: true, broadcast, run } : { ok: false, reason: "not-recallable" };
}

/**
 * Starts recalling a run: records on the run who asked, then queues one deletion per member
 * the run reached (every part it sent them) in the outbox, which deletes them on each
 * channel's pace, retries, and resumes after a restart. The author is told the counts once
 * the last deletion ended (`finishRecallOf`). False when a recall of the run is under way.
 */
export async function startRecall(
  env: BroadcastEnv,
  member: Member,
  broadcast: Broadcast,
  run: BroadcastRun,
): Promise<boolean> {
  const at = env.deps.now().toISOString();
  const result = await changeBroadcast(env, broadcast.id, at, (current) => {
    const stored = current.runs.find((r) => r.purpose === run.purpose);
    if (!stored || stored.recall || stored.recalling) return { kind: "nothing" };
    return {
      kind: "change",
      broadcast: withRun(
        current,
        run.purpose,
        (r) => ({ ...r, recalling: { at, by: member.id } }),
        at,
      ),
      audit: [],
    };
  });
  if (!result.ok || !result.changed) return false;
  await queueDeletions(env, run.purpose);
  return true;
}

/** Queues the deletions of a run's messages (again: their keys make it exact). */
async function queueDeletions(env: BroadcastEnv, runPurpose: string): Promise<void> {
  const purpose = recallPurposeOf(runPurpose);
  const delivered = (await env.outbox.list(runPurpose)).filter(
    (item) => item.messageIds.length > 0 && item.channel && item.chatId,
  );
  await env.outbox.enqueueDeletions(
    delivered.map((item) => ({
      key: `recall:${item.key}`,
      purpose,
      memberId: item.memberId,
      deletion: {
        channel: item.channel as NonNullable<typeof item.channel>,
        chatId: item.chatId as string,
        messageIds: item.messageIds,
      },
    })),
  );
  const progress = await env.outbox.progress(purpose);
  if (progress.queued === 0 && progress.sending === 0) await finishRecallOf(env, purpose, progress);
}

/**
 * Closes a recall once the outbox has no deletion of it left: records on the run how many
 * members' messages are gone and how many could not be deleted (too old, or a platform that
 * cannot delete), audits it and tells the author. Called by the delivery worker's "done"
 * event, and at start for recalls that ended or were interrupted while the bot was down.
 */
export async function finishRecallOf(
  env: BroadcastEnv,
  purpose: string,
  progress: OutboxProgress,
): Promise<void> {
  const runPurpose = runPurposeOfRecall(purpose);
  const id = runPurpose && broadcastIdOfPurpose(runPurpose);
  if (!runPurpose || !id) return;
  const at = env.deps.now().toISOString();
  const recalled = progress.sent;
  const notRecalled = progress.failed + progress.blocked;
  const result = await changeBroadcast(env, id, at, (current) => {
    const stored = current.runs.find((r) => r.purpose === runPurpose);
    if (!stored?.recalling || stored.recall) return { kind: "nothing" };
    const recall = { at, by: stored.recalling.by, recalled, notRecalled };
    return {
      kind: "change",
      broadcast: recordRecall(current, runPurpose, recall),
      audit: [
        auditLine("recalled", stored.recalling.by, {
          purpose: runPurpose,
          recalled,
          notRecalled,
        }),
      ],
    };
  });
  if (!result.ok || !result.changed) return;
  const stored = result.broadcast;
  await tellAuthor(env, stored, `recalled:${runPurpose}`, (t, author) =>
    t("broadcast:notice.recalled", {
      name: broadcastName(t, stored),
      recalled: formatNumber(author.locale, recalled),
      notRecalled: formatNumber(author.locale, notRecalled),
      count: notRecalled,
    }),
  );
}

/**
 * At start: queues again the deletions of a recall a crash caught while queueing, and closes
 * the recalls whose deletions all ended while nobody was listening.
 */
export async function recoverRecalls(env: BroadcastEnv): Promise<void> {
  for (const broadcast of await env.deps.store.broadcasts.list()) {
    for (const run of broadcast.runs) {
      if (run.recalling && !run.recall) await queueDeletions(env, run.purpose);
    }
  }
}
