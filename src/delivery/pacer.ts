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
 * How far under the configured rate sends are spaced. The platform counts sends as they
 * arrive, over a sliding second: paced exactly at the limit, any send held up on the way
 * lands too close to the next and is refused (429), and the retry_after it brings (a second
 * at least) stops the whole channel. 4% under it leaves about 40 ms a second: a third of it
 * makes up for sends that went out late (see `lateMs`), the rest, some 27 ms, absorbs a send
 * delayed on the way. (At 0% a 3,000-send broadcast at L = 30 drew 9 refusals, 0.89 of L.)
 */
const HEADROOM = 0.04;

/** A slot missed by less than this was missed while sending (a late timer), not by idling. */
const STILL_SENDING_MS = 1000;

/** What a send in line is told: go, stop, paused, or its chat is not due any more. */
type TurnResult = PaceResult | { kind: "chat-not-due" };

/** A send waiting in line for a slot. */
interface Turn {
  /** The chat it goes to; none for a reply (no per-chat spacing). */
  chatId?: string;
  /** A pause longer than this sends it back rather than holding it. */
  maxPauseMs: number;
  signal?: AbortSignal | undefined;
  resolve: (result: TurnResult) => void;
  /** Stops listening for its signal. */
  leave: () => void;
}

/**
 * Spaces a channel's sends: evenly at its overall rate, at least `perChatIntervalMs` apart in
 * any one chat, and not at all while the platform asked to pause (a 429's retry_after). Sends
 * are spaced rather than burst, so the platform's own windows are never crowded, on a fixed
 * grid, so a timer that fires late does not lower the rate: a send a little late lets the
 * next ones go a little sooner, never more than the headroom allows. With a shared pace
 * (instances on one database), each send also waits for a slot reserved there: the rate is
 * then kept by all the instances together.
 */
export class ChannelPacer {
  /** When the next send is due on the grid. */
  private nextSlotAt = 0;
  private pausedUntil = 0;
  private readonly chatNextAt = new Map<string, number>();
  private readonly intervalMs: number;
  /** How late a send may be and still keep the grid: the next ones make up for it. */
  private readonly lateMs: number;
  /**
   * Sends waiting for a slot, in turn. One timer hands out the slots as they fall due (all those
   * due when it fires late), rather than every waiting send setting its own timer and all but
   * one going back to sleep: at L = 1,000 with 100 waiting, that was 100 timers a millisecond.
   */
  private readonly turns: Turn[] = [];
  /** Whether the hand-out runs; it runs while anyone waits. */
  private handingOut = false;
  /** Ends the hand-out's sleep: nobody waits any more, or the first in line just came. */
  private lookAgain = new AbortController();

  constructor(
    private readonly limits: PaceLimits,
    private readonly now: () => number,
    private readonly sleep: Sleep,
    private readonly shared?: { pace: SharedPace; channel: Channel },
  ) {
    this.intervalMs = 1000 / (limits.ratePerSecond * (1 - HEADROOM));
    // A third of the headroom's sends in a second: the rest stays slack in every window.
    this.lateMs = ((limits.ratePerSecond * HEADROOM) / 3) * this.intervalMs;
  }

  /**
   * Resolves `go` when a message may go to `chatId` now (and counts it), `stopped` if the
   * signal aborted first, or `paused` without waiting when the channel is paused for longer
   * than `maxPauseMs`, or with `forMs` 0 when no slot came by `mustGoBy` (pacer time).
   */
  async acquire(
    chatId: string,
    signal?: AbortSignal,
    maxPauseMs = Infinity,
    mustGoBy = Infinity,
  ): Promise<PaceResult> {
    if (mustGoBy === Infinity) return this.acquireSlot(chatId, signal, maxPauseMs);
    const tooLate = new AbortController();
    const settled = new AbortController();
    const watched = signal ? [signal, settled.signal] : [settled.signal];
    void this.sleep(Math.max(0, mustGoBy - this.now()), AbortSignal.any(watched)).then(() => {
      if (!settled.signal.aborted && !signal?.aborted) tooLate.abort();
    });
    try {
      const either = signal ? AbortSignal.any([signal, tooLate.signal]) : tooLate.signal;
      const result = await this.acquireSlot(chatId, either, maxPauseMs);
      return result.kind === "stopped" && tooLate.signal.aborted && !signal?.aborted
        ? { kind: "paused", forMs: 0 }
        : result;
    } finally {
      settled.abort();
    }
  }

  private async acquireSlot(
    chatId: string,
    signal: AbortSignal | undefined,
    maxPauseMs: number,
  ): Promise<PaceResult> {
    for (;;) {
      if (signal?.aborted) return { kind: "stopped" };
      const now = this.now();
      if (this.pausedUntil - now > maxPauseMs)
        return { kind: "paused", forMs: this.pausedUntil - now };
      const chatAt = this.chatNextAt.get(chatId) ?? 0;
      // A chat not due yet waits by itself, out of the line: it holds up no other chat.
      if (chatAt > now) {
        await this.sleep(chatAt - now, signal);
        continue;
      }
      // Nobody in line and the slot already due: taken at once, as the hand-out would give it,
      // without a place in line (a promise, two closures and a listener on the stop signal per
      // send: a tenth of what the bot allocated per send on the broadcast ceiling).
      if (this.turns.length === 0 && Math.max(this.nextSlotAt, this.pausedUntil) <= now) {
        this.grant(now, chatId);
      } else {
        const turn = await this.waitTurn({ chatId, maxPauseMs, signal });
        if (turn.kind === "chat-not-due") continue;
        if (turn.kind !== "go") return turn;
      }
      return this.shared ? this.sharedSlot(this.shared, signal) : { kind: "go" };
    }
  }

  /**
   * Waits for a slot of the channel's overall rate, for a reply to a person: replies and
   * proactive sends together keep the platform's rate (shared among instances on one store).
   * A reply keeps no per-chat spacing: the person waits for it, and answered one at a time.
   * It goes first in line: a person is waiting for it, not for a broadcast's next send.
   */
  async acquireForReply(signal?: AbortSignal): Promise<void> {
    const turn = await this.waitTurn({ maxPauseMs: Infinity, signal }, "first");
    if (turn.kind === "go" && this.shared) await this.sharedSlot(this.shared, signal);
  }

  /** Queues a send for its slot; resolved by `handOut`, or at once if the signal aborts. */
  private waitTurn(
    wanted: Omit<Turn, "resolve" | "leave">,
    place: "first" | "last" = "last",
  ): Promise<TurnResult> {
    return new Promise((resolve) => {
      const { signal } = wanted;
      const onAbort = () => {
        const index = this.turns.indexOf(turn);
        if (index >= 0) this.turns.splice(index, 1);
        if (this.turns.length === 0) this.lookAgain.abort();
        resolve({ kind: "stopped" });
      };
      const turn: Turn = {
        ...wanted,
        resolve,
        leave: () => signal?.removeEventListener("abort", onAbort),
      };
      if (signal?.aborted) return resolve({ kind: "stopped" });
      signal?.addEventListener("abort", onAbort, { once: true });
      if (place === "first") this.turns.unshift(turn);
      else this.turns.push(turn);
      if (!this.handingOut) void this.handOut();
      // The first in line looks again now: the hand-out may be sleeping out a pause that has
      // ended meanwhile by the clock given (a test's), or been for those who left the line.
      else if (this.turns.length === 1) this.lookAgain.abort();
    });
  }

  /**
   * Hands out slots in turn while anyone waits: every slot due when it looks, each taken
   * synchronously (so two never share one), then sleeps until the next is due.
   */
  private async handOut(): Promise<void> {
    this.handingOut = true;
    try {
      while (this.turns.length > 0) {
        const now = this.now();
        this.giveUpLongPauses(now);
        if (this.turns.length === 0) break;
        const at = Math.max(this.nextSlotAt, this.pausedUntil);
        if (at > now) {
          if (this.lookAgain.signal.aborted) this.lookAgain = new AbortController();
          await this.sleep(at - now, this.lookAgain.signal);
          continue;
        }
        const turn = this.turns.shift() as Turn;
        turn.leave();
        const chatId = turn.chatId;
        if (chatId !== undefined && (this.chatNextAt.get(chatId) ?? 0) > now) {
          // Another send into the chat went first: this one waits for the chat again.
          turn.resolve({ kind: "chat-not-due" });
          continue;
        }
        this.grant(now, chatId);
        turn.resolve({ kind: "go" });
      }
    } finally {
      this.handingOut = false;
    }
  }

  /** Sends that would rather go back to the queue than wait out this pause are told so. */
  private giveUpLongPauses(now: number): void {
    const pauseMs = this.pausedUntil - now;
    if (pauseMs <= 0) return;
    for (let index = this.turns.length - 1; index >= 0; index--) {
      const turn = this.turns[index] as Turn;
      if (pauseMs <= turn.maxPauseMs) continue;
      this.turns.splice(index, 1);
      turn.leave();
      turn.resolve({ kind: "paused", forMs: pauseMs });
    }
  }

  /** Gives the slot due to a send (into `chatId`, whose next is then a chat interval away). */
  private grant(now: number, chatId: string | undefined): void {
    this.takeSlot(now);
    if (chatId === undefined) return;
    this.chatNextAt.set(chatId, now + this.limits.perChatIntervalMs);
    if (this.chatNextAt.size > 10_000) this.forgetPast(now);
  }

  /**
   * Takes the slot due; synchronously after the check, so concurrent senders never share one.
   * A send a little late keeps the grid (the next ones catch up). A send later than that while
   * sending (a timer held up by garbage collection or a busy machine) moves the grid to `lateMs`
   * before now: it catches up as much as a send a little late would, and no more, so every
   * second keeps the same slack; it no longer loses the whole delay (at L = 1,000 a 30 ms late
   * timer cost 30 sends). After idling or a pause the grid starts again from now, so nothing
   * goes out in a burst.
   */
  private takeSlot(now: number): void {
    const lateBy = now - this.nextSlotAt;
    const gridAt =
      lateBy <= this.lateMs ? this.nextSlotAt : lateBy < STILL_SENDING_MS ? now - this.lateMs : now;
    this.nextSlotAt = gridAt + this.intervalMs;
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
