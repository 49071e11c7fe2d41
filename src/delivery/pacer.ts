import type { Channel } from "../domain/member.js";
import type { SharedPace } from "./shared-pace.js";
import type { Sleep } from "./timing.js";

/** How fast one channel may send. */
export interface PaceLimits {
  /** Messages per second over all chats (Telegram: `TELEGRAM_RATE`, 25 by default). */
  ratePerSecond: number;
  /** The least time between two messages into one chat (Telegram: 1 s). */
  perChatIntervalMs: number;
}

/** Whether a send may go now: yes, no because the worker stops, or not before a long pause ends. */
export type PaceResult = { kind: "go" } | { kind: "stopped" } | { kind: "paused"; forMs: number };

/**
 * Spaces a channel's sends: evenly at its overall rate, at least `perChatIntervalMs` apart in
 * any one chat, and not at all while the platform asked to pause (a 429's retry_after). Sends
 * are spaced rather than burst, so the platform's own windows are never crowded. With a
 * shared pace (instances on one database), each send also waits for a slot reserved there:
 * the rate is then kept by all the instances together.
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
    private readonly shared?: { pace: SharedPace; channel: Channel },
  ) {
    this.intervalMs = 1000 / limits.ratePerSecond;
  }

  /**
   * Resolves `go` when a message may go to `chatId` now (and counts it), `stopped` if the
   * signal aborted first, or `paused` without waiting when the channel is paused for longer
   * than `maxPauseMs`.
   */
  async acquire(chatId: string, signal?: AbortSignal, maxPauseMs = Infinity): Promise<PaceResult> {
    for (;;) {
      if (signal?.aborted) return { kind: "stopped" };
      const now = this.now();
      if (this.pausedUntil - now > maxPauseMs)
        return { kind: "paused", forMs: this.pausedUntil - now };
      const at = Math.max(this.nextSlotAt, this.pausedUntil, this.chatNextAt.get(chatId) ?? 0);
      if (at <= now) {
        // Taken synchronously after the check, so concurrent senders never share a slot.
        this.nextSlotAt = now + this.intervalMs;
        this.chatNextAt.set(chatId, now + this.limits.perChatIntervalMs);
        if (this.chatNextAt.size > 10_000) this.forgetPast(now);
        return this.shared ? this.sharedSlot(this.shared, signal) : { kind: "go" };
      }
      await this.sleep(at - now, signal);
    }
  }

  /**
   * Waits for a slot of the channel's overall rate, for a reply to a person: replies and
   * proactive sends together keep the platform's rate (shared among instances on one store).
   * A reply keeps no per-chat spacing: the person waits for it, and answered one at a time.
   */
  async acquireForReply(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) return;
      const now = this.now();
      const at = Math.max(this.nextSlotAt, this.pausedUntil);
      if (at <= now) {
        this.nextSlotAt = now + this.intervalMs;
        if (this.shared) await this.sharedSlot(this.shared, signal);
        return;
      }
      await this.sleep(at - now, signal);
    }
  }

  /**
   * Waits for the slot reserved among all instances. This instance's next slot is kept after
   * it, so it reserves one slot at a time rather than queueing many ahead of the others.
   */
  private async sharedSlot(
    shared: { pace: SharedPace; channel: Channel },
    signal?: AbortSignal,
  ): Promise<PaceResult> {
    const waitMs = await shared.pace.reserve(shared.channel, this.intervalMs);
    this.nextSlotAt = Math.max(this.nextSlotAt, this.now() + waitMs + this.intervalMs);
    if (waitMs > 0) await this.sleep(waitMs, signal);
    return signal?.aborted ? { kind: "stopped" } : { kind: "go" };
  }

  /**
   * Stops every send on the channel for `ms` (the platform's retry_after); shared, on every
   * instance, as their next slot comes after it.
   */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    // Not awaited: this instance already waits; the others learn it at their next slot.
    this.shared?.pace.pause(this.shared.channel, ms).catch(() => undefined);
  }

  private forgetPast(now: number): void {
    for (const [chatId, at] of this.chatNextAt) if (at <= now) this.chatNextAt.delete(chatId);
  }
}
