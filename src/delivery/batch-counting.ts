import type { Logger } from "../logger.js";
import type { OutboxProgress } from "../store/outbox-repository.js";
import type { AttemptOutcome } from "./attempt-env.js";
import type { ProgressReports } from "./progress-reports.js";

/**
 * Follows each batch's sends in flight in this worker, and counts a batch (reads every one of
 * its sends, for its progress report) only when a report is due or the batch may be done.
 */
export class BatchCounting {
  /** Sends of each batch claimed here and not yet settled. */
  private readonly inFlightOf = new Map<string, number>();
  /**
   * Batches whose last send in flight here ended, not counted yet: counted once a claim brings
   * none of their sends (the batch may be done), not at once, as the next claim mostly brings
   * more of them. Counting reads every send of the batch: at the ceiling it was done after
   * every claim's worth of sends, 10,000 sends read each time.
   */
  private readonly uncounted = new Set<string>();
  /** Batches being counted for a report due. */
  private readonly counting = new Set<string>();

  constructor(
    private readonly reports: ProgressReports,
    private readonly progressOf: (purpose: string) => Promise<OutboxProgress>,
    private readonly nowMs: () => number,
    private readonly logger: Logger,
  ) {}

  /** A send of the batch was claimed here. */
  claimed(purpose: string): void {
    this.reports.claimed(purpose);
    this.inFlightOf.set(purpose, (this.inFlightOf.get(purpose) ?? 0) + 1);
  }

  /**
   * A send of the batch ended here with this outcome (none: the attempt broke off). Its count
   * is over at once; the batch is counted now if this ended a send for good and a report is
   * due, or later (`countUnclaimed`) if this was the last of the batch in flight here.
   */
  async ended(purpose: string, outcome?: AttemptOutcome): Promise<void> {
    const othersInFlight = (this.inFlightOf.get(purpose) ?? 1) - 1;
    if (othersInFlight > 0) this.inFlightOf.set(purpose, othersInFlight);
    else this.inFlightOf.delete(purpose);
    if (outcome !== "sent" && outcome !== "failed" && outcome !== "blocked") return;
    // A report due is counted by one send: the others ending meanwhile saw it due as well. If
    // another of the batch's sends is in flight, the end of that one tells.
    if (!this.reports.due(purpose, this.nowMs()) || this.counting.has(purpose)) {
      if (othersInFlight === 0) this.uncounted.add(purpose);
      return;
    }
    this.counting.add(purpose);
    try {
      await this.count(purpose);
    } finally {
      this.counting.delete(purpose);
    }
  }

  /** Counts the batches left uncounted that have no send in flight here (see `uncounted`). */
  async countUnclaimed(): Promise<void> {
    for (const purpose of [...this.uncounted]) {
      this.uncounted.delete(purpose);
      // One of its sends was claimed again: the end of that one counts it.
      if (this.inFlightOf.has(purpose)) continue;
      try {
        await this.count(purpose);
      } catch (error) {
        this.logger.error({ err: error, purpose }, "delivery: cannot count a batch's sends");
      }
    }
  }

  private async count(purpose: string): Promise<void> {
    const started = performance.now();
    const progress = await this.progressOf(purpose);
    this.reports.finished(progress, this.nowMs(), performance.now() - started);
  }
}
