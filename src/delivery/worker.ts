import { setMaxListeners } from "node:events";
import type { Channel } from "../domain/member.js";
import { type Logger, silentLogger } from "../logger.js";
import type { OutboxItem } from "../store/outbox-repository.js";
import type { AttemptEnv, Lane } from "./attempt-env.js";
import { BatchCounting } from "./batch-counting.js";
import { attemptDelivery } from "./delivery-attempt.js";
import type { DeliveryChannel } from "./delivery-channel.js";
import { ChannelPacer } from "./pacer.js";
import {
  type ProgressListener,
  ProgressReports,
  type PurposeDoneListener,
} from "./progress-reports.js";
import { RecentPayloads } from "./recent-payloads.js";
import { realSleep, type Sleep } from "./timing.js";
import type { DeliveryWorkerOptions } from "./worker-options.js";

export type { DeliveryWorkerOptions } from "./worker-options.js";

/**
 * Sends in flight at once unless told otherwise (see `concurrency`): twice the connections a
 * sender keeps (128 for Telegram), so that a send is ready whenever a connection comes free.
 * More only wait longer: on the broadcast ceiling, with 512 the 384 sends queued for a
 * connection lived through young-generation collections and were promoted with everything
 * they held, and garbage collection took twice the CPU per send it takes with 256.
 */
const DEFAULT_CONCURRENCY = 256;

/**
 * Woken up with a reason of its own: `abort()` without one builds a DOMException (with its
 * stack) every time, and the loop is woken twice per send.
 */
const WAKE_UP = Symbol("wake up");

/**
 * Sends what the outbox holds: claims due items, paces each channel, and records every
 * outcome. One per process; several processes may share a store that leases its claims.
 */
export class DeliveryWorker {
  private readonly lanes = new Map<Channel, Lane>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Claimed sends not yet on the wire: waiting for a pace slot. */
  private readonly waitingTurn = new Set<string>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly reports: ProgressReports;
  private readonly counts: BatchCounting;
  private readonly payloads: RecentPayloads;
  private readonly now: () => Date;
  private readonly sleep: Sleep;
  private readonly logger: Logger;
  private stopController = new AbortController();
  private wakeController = new AbortController();
  private loop: Promise<void> | undefined;
  /** When expired leases were last taken back. */
  private recoveredAt = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? realSleep;
    this.logger = options.logger ?? silentLogger();
    this.reports = new ProgressReports(this.logger, options.progressIntervalMs ?? 1000);
    this.payloads = new RecentPayloads(options.store.outbox);
    this.counts = new BatchCounting(
      this.reports,
      (purpose) => options.store.outbox.progress(purpose),
      () => this.now().getTime(),
      this.logger,
    );
    for (const channel of options.channels ?? []) this.register(channel);
  }

  /** Adds a channel's sender, paced at its rate; its members' messages go out from now on. */
  register(channel: DeliveryChannel): void {
    const pacer = new ChannelPacer(
      {
        ratePerSecond: channel.ratePerSecond,
        perChatIntervalMs: channel.perChatIntervalMs ?? 1000,
      },
      () => this.now().getTime(),
      this.sleep,
      this.options.sharedPace
        ? { pace: this.options.sharedPace, channel: channel.sender.channel }
        : undefined,
    );
    this.lanes.set(channel.sender.channel, { channel, pacer });
    this.wake();
  }

  /**
   * Waits for the next send slot of a channel's rate, for a reply to a person (at once while
   * the channel has no lane yet, or once the worker stops).
   */
  async replySlot(channel: Channel): Promise<void> {
    await this.lanes.get(channel)?.pacer.acquireForReply(this.stopController.signal);
  }

  /**
   * Takes back what a previous run left in flight (logged: at most that many may arrive
   * twice), then starts sending. Resolves once running, with the number taken back.
   */
  async start(): Promise<{ recovered: number }> {
    if (this.loop) return { recovered: 0 };
    const recovered = await this.options.store.outbox.recover(
      this.now().toISOString(),
      this.options.recoverAtStart ?? "all",
    );
    this.recoveredAt = this.now().getTime();
    if (recovered.length > 0) {
      this.logger.warn(
        { recovered: recovered.length, purposes: [...new Set(recovered.map((i) => i.purpose))] },
        `delivery: ${recovered.length} sends were in flight when the last run stopped; they are sent again, and only those already on the wire can arrive twice: repeats at most ${recovered.length}`,
      );
    } else {
      this.logger.info(
        { recovered: 0 },
        "delivery: nothing was in flight when the last run stopped",
      );
    }
    const bound = this.inFlightBound();
    this.logger.info(
      { inFlightBound: bound.inFlight, waitingBound: bound.waiting },
      `delivery: at most ${bound.inFlight} sends in flight at once, ${bound.waiting} of them waiting for their turn`,
    );
    this.stopController = new AbortController();
    // Every send waiting for its turn listens for the stop: that is expected, not a leak.
    setMaxListeners(
      (this.options.concurrency ?? DEFAULT_CONCURRENCY) + 16,
      this.stopController.signal,
    );
    this.unsubscribe = this.options.outbox?.onEnqueued(() => this.wake());
    this.loop = this.run();
    return { recovered: recovered.length };
  }

  /** Stops claiming, lets sends under way finish and puts waiting ones back; resolves when done. */
  async stop(): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    this.loop = undefined;
    this.unsubscribe?.();
    this.stopController.abort();
    this.wake();
    await loop;
    await Promise.allSettled([...this.inFlight]);
    await this.counts.countUnclaimed();
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters.clear();
  }

  /** Looks for due sends now (e.g. after enqueueing, or after a test moved its clock). */
  wake(): void {
    if (!this.wakeController.signal.aborted) this.wakeController.abort(WAKE_UP);
  }

  /** Resolves once the worker has looked and found nothing due and nothing in flight. */
  whenIdle(): Promise<void> {
    if (!this.loop) return Promise.resolve();
    return new Promise((resolve) => {
      this.idleWaiters.add(resolve);
      this.wake();
    });
  }

  /** Subscribes to progress reports (at most one per batch per `progressIntervalMs`, and the last). */
  onProgress(listener: ProgressListener): () => void {
    return this.reports.onProgress(listener);
  }

  /** Subscribes to the end of batches, e.g. to tell a broadcast's author. */
  onPurposeDone(listener: PurposeDoneListener): () => void {
    return this.reports.onPurposeDone(listener);
  }

  /**
   * How many sends may be claimed at once: no more than the channels let out within about a
   * second (so a claim never sits long under its lease), and of those only a few waiting for a
   * pace slot. What is claimed is then, nearly all of it, on the wire: after a crash, the
   * sends taken back (and so the repeats) are the handful the platform may have received.
   */
  inFlightBound(): { inFlight: number; waiting: number } {
    const rate = [...this.lanes.values()].reduce(
      (sum, lane) => sum + lane.channel.ratePerSecond,
      0,
    );
    const concurrency = this.options.concurrency ?? DEFAULT_CONCURRENCY;
    const inFlight = Math.max(1, Math.min(concurrency, Math.ceil(rate)));
    const ahead = Math.ceil((rate * (this.options.claimAheadMs ?? 250)) / 1000);
    // Half of them at most wait for their turn, the rest are on the wire or being recorded: at
    // L = 1,000 with 256 in flight, 250 waiting left 6 for those, and one run in three fell to
    // 0.87 of L whenever a write to the disk was slow.
    return { inFlight, waiting: Math.max(1, Math.min(Math.ceil(inFlight / 2), ahead)) };
  }

  private async run(): Promise<void> {
    while (!this.stopController.signal.aborted) {
      if (this.wakeController.signal.aborted) this.wakeController = new AbortController();
      const waiters = [...this.idleWaiters];
      let claimed: OutboxItem[] = [];
      let storeFailed = false;
      const bound = this.inFlightBound();
      const capacity = Math.min(
        bound.inFlight - this.inFlight.size,
        bound.waiting - this.waitingTurn.size,
      );
      if (capacity > 0 && this.lanes.size > 0) {
        try {
          await this.recoverExpired();
          claimed = await this.options.store.outbox.claim({
            now: this.now().toISOString(),
            limit: capacity,
            leaseMs: this.options.leaseMs ?? 600_000,
          });
        } catch (error) {
          storeFailed = true;
          this.logger.error({ err: error }, "delivery: cannot claim sends from the store");
        }
        for (const item of claimed) this.track(item);
        if (!storeFailed) await this.counts.countUnclaimed();
      }
      if (claimed.length === 0 && this.inFlight.size === 0) {
        for (const resolve of waiters) {
          this.idleWaiters.delete(resolve);
          resolve();
        }
      }
      if (claimed.length > 0 && capacity > claimed.length) continue;
      // At the bound (reached now or before), a send going on the wire or ending wakes the
      // loop: no need to look sooner, nor to ask the store when the next is due.
      const full = capacity <= claimed.length && this.lanes.size > 0;
      const delay =
        storeFailed || full ? (this.options.idlePollMs ?? 1000) : await this.idleDelay();
      await this.sleep(delay, this.wakeController.signal);
    }
  }

  /** Takes back, now and then, the sends of instances that died holding them (`expired`). */
  private async recoverExpired(): Promise<void> {
    if (this.options.recoverAtStart !== "expired") return;
    const now = this.now();
    if (now.getTime() - this.recoveredAt < (this.options.recoverEveryMs ?? 15_000)) return;
    this.recoveredAt = now.getTime();
    const recovered = await this.options.store.outbox.recover(now.toISOString(), "expired");
    if (recovered.length > 0) {
      this.logger.warn(
        { recovered: recovered.length, purposes: [...new Set(recovered.map((i) => i.purpose))] },
        `delivery: ${recovered.length} sends of an instance that stopped answering are sent again; repeats at most ${recovered.length}`,
      );
    }
  }

  private async idleDelay(): Promise<number> {
    const poll = this.options.idlePollMs ?? 1000;
    const next = await this.options.store.outbox.nextDue().catch(() => undefined);
    if (!next) return poll;
    // At least a few ms: a due item that could not be claimed must not spin the loop.
    return Math.min(poll, Math.max(5, Date.parse(next) - this.now().getTime()));
  }

  private track(item: OutboxItem): void {
    this.counts.claimed(item.purpose);
    // The store hands out one send per member at a time (the next one only once this one
    // ended, sent or back in the queue), so one person's messages need no chaining here: a
    // summary's text, chart and spreadsheet cannot overtake each other.
    this.waitingTurn.add(item.key);
    const onTheWire = () => {
      if (this.waitingTurn.delete(item.key)) this.wake();
    };
    const task = attemptDelivery(item, { ...this.attemptEnv(), onTheWire })
      .then(
        (outcome) => {
          if (outcome === "lost") {
            this.logger.warn({ key: item.key }, "delivery: another worker took this send over");
          }
          return this.counts.ended(item.purpose, outcome);
        },
        (error: unknown) => {
          void this.counts.ended(item.purpose);
          return this.afterBrokenAttempt(item, error);
        },
      )
      .catch((error: unknown) => this.afterBrokenAttempt(item, error))
      .finally(() => {
        this.waitingTurn.delete(item.key);
        this.inFlight.delete(task);
        // Ended or back in the queue: the member's next message may now be claimed.
        this.wake();
      });
    this.inFlight.add(task);
  }

  /** An attempt that threw (the store failed, most likely) is retried later, not left leased. */
  private async afterBrokenAttempt(item: OutboxItem, error: unknown): Promise<void> {
    this.logger.error({ err: error, key: item.key }, "delivery: an attempt broke off");
    const leaseId = item.lease?.id;
    if (!leaseId) return;
    const { outbox } = this.options.store;
    const now = this.now();
    const attempts = item.attempts + 1;
    try {
      if (attempts >= (this.options.maxAttempts ?? 5)) {
        await outbox.finish(
          item.key,
          leaseId,
          { state: "failed", reason: "internal error" },
          now.toISOString(),
        );
      } else {
        const notBefore = new Date(now.getTime() + this.options.retryBaseMs * 2 ** attempts);
        const retry = { notBefore: notBefore.toISOString(), attempts, reason: "internal error" };
        await outbox.release(item.key, leaseId, retry, now.toISOString());
      }
    } catch {
      // The store is failing too: the item stays leased until the next start recovers it.
    }
  }

  private attemptEnv(): AttemptEnv {
    const o = this.options;
    return {
      store: o.store,
      lanes: this.lanes,
      quietHours: o.quietHours,
      timeZone: o.timeZone,
      retryBaseMs: o.retryBaseMs,
      maxRetryDelayMs: o.maxRetryDelayMs ?? 600_000,
      maxAttempts: o.maxAttempts ?? 5,
      retryForMs: o.retryForMs ?? 3_600_000,
      maxRateLimitRetries: o.maxRateLimitRetries ?? 10,
      maxHoldMs: o.maxHoldMs ?? 60_000,
      leasesShared: o.recoverAtStart === "expired",
      now: this.now,
      random: o.random ?? Math.random,
      logger: this.logger,
      payload: (id) => this.payloads.get(id),
      stopping: this.stopController.signal,
    };
  }
}
