import type { Outbox } from "../delivery/outbox.js";
import type { Logger } from "../logger.js";
import type { Inbound } from "../messaging/inbound.js";
import type { Outbound, SentMessage } from "../messaging/outbound.js";
import type { Reply } from "../messaging/reply.js";
import { SendError, type SendFailure } from "../messaging/sender.js";
import type { ProactiveOutbox } from "./proactive-outbox.js";

/** What a reply needs of the outbox: queueing, and whether earlier replies still wait there. */
export type ReplyOutbox = ProactiveOutbox & Pick<Outbox, "progress">;

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
 * arrives later, once. Everything answered after it is queued behind it, in the same update
 * and in the member's next ones while it still waits, so the person reads the answers in the
 * order they were written.
 */
export function queuedReply(
  reply: Reply,
  to: { memberId: string; inbound: Inbound },
  outbox: ReplyOutbox,
  logger: Logger,
): Reply {
  const { channel, updateId } = to.inbound;
  const purpose = `reply:${to.memberId}`;
  let queued = 0;
  // Looked up once, at the first answer of the update: a reply to an earlier message of the
  // member still in the outbox (the platform back since) must not be overtaken by this one.
  let earlierWaiting: Promise<boolean> | undefined;
  const behindEarlier = () => {
    earlierWaiting ??= outbox
      .progress(purpose)
      .then((progress) => progress.queued + progress.sending > 0);
    return earlierWaiting;
  };

  async function queue(message: Outbound): Promise<SentMessage> {
    queued += 1;
    await outbox.enqueueMany([
      {
        key: `reply:${channel}:${updateId}:${queued}`,
        purpose,
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
      { updateId, channel, failure: error.failure, partsLeft: error.unsent?.length },
      `reply not sent: the platform answered ${platformAnswer(error.failure)}; queued to go later`,
    );
    // Cut off midway: the parts already in the chat are not sent again.
    let queuedAs: SentMessage = { messageId: QUEUED };
    for (const part of error.unsent ?? [message]) queuedAs = await queue(part);
    return queuedAs;
  }

  return {
    buttons: reply.buttons,
    async send(message) {
      if (queued > 0 || (await behindEarlier())) return queue(message);
      return reply.send(message).catch((error: unknown) => whenRefused(error, message));
    },
    async edit(messageId, message) {
      // An edit changes a message already in the chat: it cannot overtake anything.
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
