import type { Channel } from "../domain/member.js";
import type { Outbound, SentMessage } from "./outbound.js";

/**
 * Why a proactive send failed, as the delivery engine must act on it. Each channel maps its
 * own platform's errors into these (Telegram's 403 is "unreachable"; Zalo's 403 is transient).
 */
export type SendFailure =
  /** Slow down: wait `retryAfterMs` before sending on this channel again. */
  | { kind: "rate-limited"; retryAfterMs: number }
  /** Try again later with backoff (5xx, network, timeouts). The message may or may not have arrived. */
  | { kind: "transient"; reason: string }
  /** The chat cannot be reached (blocked, chat not found): mark the identity, never retry. */
  | { kind: "unreachable"; reason: string }
  /** This message can never be sent (bad request); not retried, the chat is not marked. */
  | { kind: "permanent"; reason: string };

/** A failed send, carrying what the delivery engine needs to decide. */
export class SendError extends Error {
  constructor(
    readonly failure: SendFailure,
    /**
     * When the message went out in parts and the first of them arrived: the parts that did
     * not, in order, to be sent later instead of the whole message (which would repeat them).
     */
    readonly unsent?: Outbound[],
  ) {
    super(
      `${failure.kind}: ${"reason" in failure ? failure.reason : `retry after ${failure.retryAfterMs} ms`}`,
    );
    this.name = "SendError";
  }
}

/**
 * A channel's way of sending proactive messages, with no retry layer of its own: the delivery
 * engine sees every 429 and decides. Throws SendError.
 */
export interface Sender {
  readonly channel: Channel;
  /** The most characters one text message may carry on this platform. */
  readonly maxTextLength: number;
  send(chatId: string, message: Outbound): Promise<SentMessage>;
  /** Deletes a sent message where the platform allows (Telegram: within 48 hours). */
  delete?(chatId: string, messageId: string): Promise<boolean>;
}
