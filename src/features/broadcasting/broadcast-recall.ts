import { realSleep, type Sleep } from "../../delivery/timing.js";
import type { Broadcast, BroadcastRun } from "../../domain/broadcast.js";
import { recallableRun, recordRecall } from "../../domain/broadcast-lifecycle.js";
import type { Member } from "../../domain/member.js";
import { SendError, type Sender } from "../../messaging/sender.js";
import { formatNumber } from "../../render/format.js";
import type { OutboxItem } from "../../store/outbox-repository.js";
import { auditLine, changeBroadcast } from "./broadcast-changes.js";
import type { BroadcastEnv } from "./broadcast-env.js";
import { tellAuthor } from "./broadcast-notices.js";
import { mayManage } from "./broadcast-service.js";
import { broadcastName } from "./broadcast-texts.js";

/** Deletions under way at once: a recall is one call per message, paced by the platform's 429s. */
const RECALL_CONCURRENCY = 8;
/** Tries per message before it counts as not recalled. */
const MAX_TRIES = 5;

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
 * Deletes a run's messages from the members' chats where the platform allows it (Telegram:
 * within 48 hours; Zalo cannot), counts the members whose every part was removed, records the
 * recall in the audit and tells the author. Takes a while for a large broadcast: run it apart.
 */
export async function recallRun(
  env: BroadcastEnv,
  member: Member,
  broadcast: Broadcast,
  run: BroadcastRun,
  sleep: Sleep = realSleep,
): Promise<{ recalled: number; notRecalled: number }> {
  const items = (await env.outbox.list(run.purpose)).filter((item) => item.messageIds.length > 0);
  let recalled = 0;
  let notRecalled = 0;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as OutboxItem;
      if (await deleteAll(env, item, sleep)) recalled += 1;
      else notRecalled += 1;
    }
  };
  await Promise.all(Array.from({ length: RECALL_CONCURRENCY }, worker));
  const at = env.deps.now().toISOString();
  const recall = { at, by: member.id, recalled, notRecalled };
  const result = await changeBroadcast(env, broadcast.id, at, (current) => {
    const stored = current.runs.find((r) => r.purpose === run.purpose);
    if (!stored || stored.recall) return { kind: "nothing" };
    return {
      kind: "change",
      broadcast: recordRecall(current, run.purpose, recall),
      audit: [auditLine("recalled", member.id, { purpose: run.purpose, recalled, notRecalled })],
    };
  });
  if (result.ok) {
    const stored = result.broadcast;
    await tellAuthor(env, stored, `recalled:${run.purpose}`, (t, author) =>
      t("broadcast:notice.recalled", {
        name: broadcastName(t, stored),
        recalled: formatNumber(author.locale, recalled),
        notRecalled: formatNumber(author.locale, notRecalled),
        count: notRecalled,
      }),
    );
  }
  return { recalled, notRecalled };
}

/** Deletes every part of one member's message; true when all are gone. */
async function deleteAll(env: BroadcastEnv, item: OutboxItem, sleep: Sleep): Promise<boolean> {
  const sender = item.channel ? env.senders.get(item.channel) : undefined;
  if (!sender?.delete || !item.chatId) return false;
  let all = true;
  for (const messageId of item.messageIds) {
    if (!(await deleteOne(sender, item.chatId, messageId, env, sleep))) all = false;
  }
  return all;
}

async function deleteOne(
  sender: Sender,
  chatId: string,
  messageId: string,
  env: BroadcastEnv,
  sleep: Sleep,
): Promise<boolean> {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    try {
      return (await sender.delete?.(chatId, messageId)) === true;
    } catch (error) {
      const failure = error instanceof SendError ? error.failure : undefined;
      if (failure?.kind === "rate-limited") await sleep(failure.retryAfterMs);
      else if (failure?.kind === "transient") await sleep(env.deps.config.retryBaseMs * 2 ** tries);
      else return false;
    }
  }
  return false;
}
