import type { Sender } from "../messaging/sender.js";

/** A channel's proactive sender, as the delivery worker uses it. */
export interface DeliveryChannel {
  /** Sends without retrying on its own: the worker sees every 429 and decides. */
  sender: Sender & {
    /** The longest caption a file may carry (Telegram: 1024); a longer text goes after it. */
    readonly maxCaptionLength?: number;
  };
  /** Messages per second over all chats (`TELEGRAM_RATE`, `ZALO_RATE`). */
  ratePerSecond: number;
  /** The least time between two messages into one chat; default 1000 ms. */
  perChatIntervalMs?: number;
  /**
   * For platforms whose errors never say "blocked" (Zalo): a chat is marked unreachable once
   * permanent failures fell on this many separate days. Unset: permanent failures mark nothing.
   */
  unreachableAfterFailureDays?: number;
}
