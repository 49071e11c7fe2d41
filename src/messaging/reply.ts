import type { Outbound, SentMessage } from "./outbound.js";

/**
 * How a feature answers the person who wrote: the channel implements it for the current chat.
 * Replies are interactive, so the channel may retry them on a rate limit; proactive messages
 * never go this way, only through the outbox.
 */
export interface Reply {
  /** Sends a message to the chat. */
  send(message: Outbound): Promise<SentMessage>;
  /** Replaces an earlier message's text and choices (where the platform cannot, sends anew). */
  edit(messageId: string, message: Outbound): Promise<SentMessage>;
  /** Acknowledges a pressed button, optionally with a short notice. */
  acknowledge(notice?: string): Promise<void>;
  /** Whether this chat can show buttons (Telegram) or needs numbered answers (Zalo). */
  readonly buttons: boolean;
}
