import type { Sleep } from "./timing.js";

/** How fast one channel may send. */
export interface PaceLimits {
  /** Messages per second over all chats (Telegram: `TELEGRAM_RATE`, 25 by default). */
  ratePerSecond: number;
  /** The least time between two messages into one chat (Telegram: 1 s). */
  perChatIntervalMs: number;
}

/**
 * Spaces a channel's sends: evenly at its overall rate, at least `perChatIntervalMs` apart in
 * any one chat, and not at all while the platform asked to pause (a 429's retry_after). Sends
 * are spaced rather than burst, so the platform's own windows are never crowded.
 */
export class ChannelPacer {
  private nextSlotAt = 0;
  private pausedUntil = 0;
  private readonly chatNextAt = new Map<string, number>();
  private readonly intervalMs: number;

  constructor(
    private readonly limits: PaceLimits,
    private readonly now: () => number,
    private readonly sleep: Sleep,
  ) {
    this.intervalMs = 1000 / limits.ratePerSecond;
  }

  /**
   * Resolves true when a message may go to `chatId` now (and counts it), or false if the
   * signal aborted first.
   */
  async acquire(chatId: string, signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal?.aborted) return false;
      const now = this.now();
      const at = Math.max(this.nextSlotAt, this.pausedUntil, this.chatNextAt.get(chatId) ?? 0);
      if (at <= now) {
        // Taken synchronously after the check, so concurrent senders never share a slot.
        this.nextSlotAt = now + this.intervalMs;
        this.chatNextAt.set(chatId, now + this.limits.perChatIntervalMs);
        if (this.chatNextAt.size > 10_000) this.forgetPast(now);
        return true;
      }
      await this.sleep(at - now, signal);
    }
  }

  /** Stops every send on the channel for `ms` (the platform's retry_after). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** How long the channel is still paused, in ms (0 when it is not). */
  pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  private forgetPast(now: number): void {
    for (const [chatId, at] of this.chatNextAt) if (at <= now) this.chatNextAt.delete(chatId);
  }
}
