import type { Channel } from "../domain/member.js";
import type { Logger } from "../logger.js";
import type { Outbound, SentMessage } from "../messaging/outbound.js";
import { SendError, type SendFailure } from "../messaging/sender.js";
import type {
  OutboxDeletion,
  OutboxItem,
  OutboxOutcome,
  OutboxRetry,
  SentPart,
} from "../store/outbox-repository.js";
import { type AttemptEnv, type AttemptOutcome, type Lane, runningChannels } from "./attempt-env.js";
import { settleFailure } from "./failure-settlement.js";
import { partsFor } from "./message-parts.js";
import { nextAllowedInstant } from "./quiet-hours.js";
import { chooseRecipient } from "./recipient.js";

type PartResult =
  | { kind: "sent"; sent: SentMessage }
  | { kind: "failure"; failure: SendFailure }
  | { kind: "stopped" }
  | { kind: "paused"; forMs: number };

/**
 * Delivers one claimed item: picks the member's chat (the identity used last), waits for the
 * channel's pace, sends every remaining part, recording each part's message id as it goes,
 * and turns the platform's answer into the item's next state.
 */
export async function attemptDelivery(item: OutboxItem, env: AttemptEnv): Promise<AttemptOutcome> {
  const leaseId = item.lease?.id;
  if (!leaseId) throw new Error(`outbox item ${item.key} was handed out without a lease`);
  const { outbox } = env.store;
  const iso = () => env.now().toISOString();
  const release = async (retry: OutboxRetry, outcome: AttemptOutcome) =>
    (await outbox.release(item.key, leaseId, retry, iso())) ? outcome : "lost";
  const finish = async (outcome: OutboxOutcome, lastPart?: SentPart) =>
    (await outbox.finish(item.key, leaseId, outcome, iso(), lastPart)) ? outcome.state : "lost";
  const stay = { notBefore: iso(), attempts: item.attempts };
  // Waiting in line past its lease, a send would be taken over by another instance and go
  // twice: it goes back to the queue instead, with time left for the call itself.
  const mustGoBy =
    env.leasesShared && item.lease ? Date.parse(item.lease.until) - env.maxHoldMs : Infinity;
  if (item.deletion) {
    return attemptDeletion(item, item.deletion, env, {
      leaseId,
      stay,
      mustGoBy,
      release,
      finish,
    });
  }

  const partsDone = item.messageIds.length;
  // A message already partly delivered is finished even if quiet hours began meanwhile.
  if (partsDone === 0 && !item.urgent) {
    const now = env.now();
    const allowed = nextAllowedInstant(now, env.quietHours, env.timeZone);
    if (allowed > now) {
      return release(
        { ...stay, notBefore: allowed.toISOString(), reason: "quiet-hours" },
        "deferred",
      );
    }
  }

  let channel: Channel;
  let chatId: string;
  if (partsDone > 0 && item.channel && item.chatId) {
    // The rest of a split message goes where its first parts went.
    channel = item.channel;
    chatId = item.chatId;
  } else {
    const choice = chooseRecipient(
      await env.store.members.get(item.memberId),
      runningChannels(env),
    );
    if (choice.kind === "none") {
      return finish({
        state: choice.reason === "no-reachable-identity" ? "blocked" : "failed",
        reason: choice.reason,
      });
    }
    channel = choice.identity.channel;
    chatId = choice.identity.chatId;
  }
  const lane = env.lanes.get(channel);
  if (!lane) return finish({ state: "failed", reason: "no-channel-running" });
  const message = await env.payload(item.payloadId);
  if (!message) return finish({ state: "failed", reason: "message-missing" });

  const parts = partsFor(message, lane.channel.sender);
  let textOnly = false;
  const sent = (): OutboxOutcome => (textOnly ? { state: "sent", textOnly } : { state: "sent" });
  for (let index = partsDone; index < parts.length; index++) {
    if (index > partsDone && env.stopping.aborted) return release(stay, "stopped");
    const result = await sendPart(lane, chatId, parts[index] as Outbound, env, mustGoBy);
    if (result.kind === "stopped") return release(stay, "stopped");
    if (result.kind === "paused") {
      const notBefore = new Date(env.now().getTime() + result.forMs).toISOString();
      return release({ ...stay, notBefore, reason: "rate-limited" }, "deferred");
    }
    if (result.kind === "failure") {
      return settleFailure(result.failure, {
        item,
        channel,
        chatId,
        partsDone,
        env,
        release,
        finish,
      });
    }
    const part = { channel, chatId, messageId: result.sent.messageId };
    textOnly ||= result.sent.fileLeftOut === true;
    // The last part is recorded with the end of the send, in one write.
    if (index === parts.length - 1) return finish(sent(), part);
    if (!(await outbox.recordPart(item.key, leaseId, part, iso()))) return "lost";
  }
  // Every part went out before (recorded one by one by an earlier run): only the end is left.
  return finish(sent());
}

interface Settle {
  leaseId: string;
  stay: OutboxRetry;
  /** When the send must have its slot, or go back to the queue (pacer time). */
  mustGoBy: number;
  release: (retry: OutboxRetry, outcome: AttemptOutcome) => Promise<AttemptOutcome>;
  finish: (outcome: OutboxOutcome) => Promise<AttemptOutcome>;
}

/**
 * Deletes the sent messages a deletion item names, one by one on the channel's pace, recording
 * each as it goes, so that after a crash only the rest is deleted. A platform that cannot
 * delete, or refuses (a message too old), ends the item `failed`.
 */
async function attemptDeletion(
  item: OutboxItem,
  deletion: OutboxDeletion,
  env: AttemptEnv,
  settle: Settle,
): Promise<AttemptOutcome> {
  const { channel, chatId } = deletion;
  const lane = env.lanes.get(channel);
  if (!lane) return settle.finish({ state: "failed", reason: "no-channel-running" });
  const { sender } = lane.channel;
  const remove = sender.delete?.bind(sender);
  if (!remove) return settle.finish({ state: "failed", reason: "not-possible-on-platform" });
  const done = item.messageIds.length;
  for (let index = done; index < deletion.messageIds.length; index++) {
    if (index > done && env.stopping.aborted) return settle.release(settle.stay, "stopped");
    const messageId = deletion.messageIds[index] as string;
    const result = await paced(lane, chatId, env, settle.mustGoBy, () => remove(chatId, messageId));
    if (result.kind === "stopped") return settle.release(settle.stay, "stopped");
    if (result.kind === "paused") {
      const notBefore = new Date(env.now().getTime() + result.forMs).toISOString();
      return settle.release({ ...settle.stay, notBefore, reason: "rate-limited" }, "deferred");
    }
    if (result.kind === "failure") {
      if (result.failure.kind === "transient" || result.failure.kind === "rate-limited") {
        return settleFailure(result.failure, {
          item,
          channel,
          chatId,
          partsDone: done,
          env,
          release: settle.release,
          finish: settle.finish,
        });
      }
      return settle.finish({ state: "failed", reason: result.failure.reason });
    }
    if (!result.value) return settle.finish({ state: "failed", reason: "not-deletable" });
    const part = { channel, chatId, messageId };
    if (
      !(await env.store.outbox.recordPart(item.key, settle.leaseId, part, env.now().toISOString()))
    ) {
      return "lost";
    }
  }
  return settle.finish({ state: "sent" });
}

/** Sends one part, waiting out every 429 the platform answers (the pause holds the whole channel). */
async function sendPart(
  lane: Lane,
  chatId: string,
  part: Outbound,
  env: AttemptEnv,
  mustGoBy: number,
): Promise<PartResult> {
  const result = await paced(lane, chatId, env, mustGoBy, () =>
    lane.channel.sender.send(chatId, part),
  );
  return result.kind === "done" ? { kind: "sent", sent: result.value } : result;
}

type PacedResult<T> =
  | { kind: "done"; value: T }
  | { kind: "failure"; failure: SendFailure }
  | { kind: "stopped" }
  | { kind: "paused"; forMs: number };

/** One call to the platform on the channel's pace, waiting out every 429 it answers. */
async function paced<T>(
  lane: Lane,
  chatId: string,
  env: AttemptEnv,
  mustGoBy: number,
  call: () => Promise<T>,
): Promise<PacedResult<T>> {
  const { sender } = lane.channel;
  for (let rateLimited = 0; ; ) {
    const pace = await lane.pacer.acquire(chatId, env.stopping, env.maxHoldMs, mustGoBy);
    if (pace.kind !== "go") return pace;
    env.onTheWire?.();
    try {
      return { kind: "done", value: await call() };
    } catch (error) {
      const failure = failureOf(error, env.logger);
      if (failure.kind !== "rate-limited") return { kind: "failure", failure };
      lane.pacer.pause(failure.retryAfterMs);
      rateLimited += 1;
      env.logger.warn(
        { channel: sender.channel, retryAfterMs: failure.retryAfterMs, rateLimited },
        "delivery: the platform asked to slow down; the channel pauses",
      );
      if (rateLimited > env.maxRateLimitRetries) {
        return {
          kind: "failure",
          failure: { kind: "transient", reason: "rate-limited repeatedly" },
        };
      }
    }
  }
}

function failureOf(error: unknown, logger: Logger): SendFailure {
  if (error instanceof SendError) return error.failure;
  // A sender must map its platform's errors; anything else is treated as passing trouble.
  logger.error({ err: error }, "delivery: a sender threw something other than a SendError");
  return { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
}
