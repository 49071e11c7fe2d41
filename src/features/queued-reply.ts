import type { Logger } from "../logger.js";
import type { Inbound } from "../messaging/inbound.js";
import type { Outbound, SentMessage } from "../messaging/outbound.js";
import type { Reply } from "../messaging/reply.js";
import { SendError, type SendFailure } from "../messaging/sender.js";
import type { ProactiveOutbox } from "./proactive-outbox.js";

/**
 * The message id a queued reply stands under until the outbox sends it: an edit of it sends
 * the new text, queued behind it.
 */
const QUEUED = "";

/** Whether a platform's answer may turn into a success later (a 429, a 5xx, the network). */
export function isPassingFault(error: unknown): error is SendError {
  return (
    error instanceof SendError &&
    (error.failure.kind === "rate-limited" || error.failure.kind === "transient")
  );
}

/** The platform's answer in a few words for the log, e.g. "429, retry after 5 s" (never the message). */
export function platformAnswer(failure: SendFailure): string {
  return failure.kind === "rate-limited"
    ? `429, retry after ${Math.ceil(failure.retryAfterMs / 1000)} s`
    : failure.reason;
}

/**
 * A member's reply that outlasts the platform's faults: once the channel's own retries are
 * spent on a 429, a 5xx or a network error, the message is queued through the outbox and
 * arrives later, once. Everything answered after it in the same update is queued behind it,
 * so the person reads the answers in the order they were written.
 */
export function queuedReply(
  reply: Reply,
  to: { memberId: string; inbound: Inbound },
  outbox: ProactiveOutbox,
  logger: Logger,
): Reply {
  const { channel, updateId } = to.inbound;
  let queued = 0;

  async function queue(message: Outbound): Promise<SentMessage> {
    queued += 1;
    await outbox.enqueueMany([
      {
        key: `reply:${channel}:${updateId}:${queued}`,
        purpose: `reply:${to.memberId}`,
        memberId: to.memberId,
        message,
        // An answer the person is waiting for, whatever the hour.
        urgent: true,
      },
    ]);
    return { messageId: QUEUED };
  }

  async function whenRefused(error: unknown, message: Outbound): Promise<SentMessage> {
    if (!isPassingFault(error)) throw error;
    logger.warn(
      { updateId, channel, failure: error.failure },
      `reply not sent: the platform answered ${platformAnswer(error.failure)}; queued to go later`,
    );
    return queue(message);
  }

  return {
    buttons: reply.buttons,
    async send(message) {
      if (queued > 0) return queue(message);
      return reply.send(message).catch((error: unknown) => whenRefused(error, message));
    },
    async edit(messageId, message) {
      if (queued > 0 || messageId === QUEUED) return queue(message);
      return reply.edit(messageId, message).catch((error: unknown) => whenRefused(error, message));
    },
    async acknowledge(notice) {
      if (queued > 0) {
        if (notice) await queue({ text: notice });
        return;
      }
      await reply.acknowledge(notice).catch(async (error: unknown) => {
        // A pressed button's spinner stops by itself; only a notice is worth keeping.
        if (!isPassingFault(error)) throw error;
        if (notice) await whenRefused(error, { text: notice });
      });
    },
  };
}
