import type { Logger } from "../logger.js";
import type { OutboxProgress } from "../store/outbox-repository.js";

/** Told how a batch stands while it is being sent. */
export type ProgressListener = (purpose: string, progress: OutboxProgress) => void;
/** Told once a batch has nothing left queued or in flight. */
export type PurposeDoneListener = (
  purpose: string,
  progress: OutboxProgress,
  durationMs: number,
) => void;

/**
 * How many times the last count's own duration a batch's next report waits at least. A count
 * reads every send of the batch: 2 ms for 10,000, but 65–200 ms for 100,000 here, which once a
 * second held everything else up for that long. A report then waits long enough that counting
 * takes at most a fiftieth of the time (every 4 s for the 100,000).
 */
const COUNT_TIME_SHARE = 50;

/**
 * Tells listeners (the broadcast feature, the logs) how each batch stands: at most one report
 * per batch per interval while it runs (longer for a batch slow to count), and exactly one
 * "done" when it ends.
 */
export class ProgressReports {
  private readonly progressListeners = new Set<ProgressListener>();
  private readonly doneListeners = new Set<PurposeDoneListener>();
  private readonly announced = new Set<string>();
  private readonly lastReportAt = new Map<string, number>();
  /** How long the batch's last count took (ms). */
  private readonly countedInMs = new Map<string, number>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** Subscribes to progress reports; returns the unsubscribe. */
  onProgress(listener: ProgressListener): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Subscribes to the end of batches; returns the unsubscribe. */
  onPurposeDone(listener: PurposeDoneListener): () => void {
    this.doneListeners.add(listener);
    return () => this.doneListeners.delete(listener);
  }

  /** A send of the batch was claimed: if it had ended before, it will end (and be told) again. */
  claimed(purpose: string): void {
    this.announced.delete(purpose);
  }

  /** True when a report of the batch is due (the interval since the last one has passed). */
  due(purpose: string, nowMs: number): boolean {
    const interval = Math.max(
      this.intervalMs,
      COUNT_TIME_SHARE * (this.countedInMs.get(purpose) ?? 0),
    );
    return nowMs - (this.lastReportAt.get(purpose) ?? 0) >= interval;
  }

  /**
   * A send of the batch finished and this is how the batch stands now, counted in
   * `countedInMs` (real time, whatever the worker's clock).
   */
  finished(progress: OutboxProgress, nowMs: number, countedInMs = 0): void {
    const { purpose } = progress;
    const done = progress.queued === 0 && progress.sending === 0;
    if (done || this.due(purpose, nowMs)) {
      this.lastReportAt.set(purpose, nowMs);
      this.logger.info({ progress }, "delivery: progress");
      for (const listener of this.progressListeners) this.safely(() => listener(purpose, progress));
    }
    // What this count cost sets when the next is due.
    this.countedInMs.set(purpose, countedInMs);
    // Two sends finishing together both see the batch done: only the first tells.
    if (!done || this.announced.has(purpose)) return;
    this.announced.add(purpose);
    this.lastReportAt.delete(purpose);
    this.countedInMs.delete(purpose);
    const started = progress.startedAt ? Date.parse(progress.startedAt) : nowMs;
    const ended = progress.finishedAt ? Date.parse(progress.finishedAt) : nowMs;
    this.logger.info({ progress, durationMs: ended - started }, "delivery: batch done");
    for (const listener of this.doneListeners) {
      this.safely(() => listener(purpose, progress, ended - started));
    }
  }

  /** A listener's mistake is logged; it must not stop deliveries. */
  private safely(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.error({ err: error }, "delivery: a progress listener failed");
    }
  }
}
