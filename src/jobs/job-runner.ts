import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.js";
import type { Store } from "../store/store.js";
import type { Job } from "./job.js";

const MINUTE = 60_000;
/** How long the "done" mark of an occurrence is kept. */
const DONE_MEMORY_MS = 90 * 24 * 3600_000;

/**
 * Runs jobs at their cron occurrences (node-cron, in the configured time zone) and, at start,
 * catches up an occurrence missed while the bot was down if it is still within its window.
 * node-cron keeps no memory, so the store does: an occurrence is marked done after it ran, and
 * a done occurrence is never run again, here or on another instance.
 */
export class JobRunner {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly jobs: readonly Job[],
    private readonly deps: { store: Store; logger: Logger; timeZone: string; now: () => Date },
  ) {}

  /** Schedules every job and catches up what was missed. */
  async start(): Promise<void> {
    for (const job of this.jobs) {
      for (const expression of job.schedules) {
        const task = cron.schedule(
          expression,
          (context) => {
            this.track(this.runOccurrence(job, truncateToMinute(context.date)));
          },
          { timezone: this.deps.timeZone, name: `${job.name} ${expression}`, noOverlap: true },
        );
        this.tasks.push(task);
      }
    }
    await this.catchUp();
  }

  /** Runs, once, the latest occurrence of each job that is still within its window. */
  async catchUp(now = this.deps.now()): Promise<void> {
    for (const job of this.jobs) {
      const occurrence = this.latestOccurrence(job, now);
      if (occurrence) await this.runOccurrence(job, occurrence);
    }
  }

  /** Runs one occurrence unless it is already done; marks it done when it succeeds. */
  async runOccurrence(job: Job, occurrence: Date): Promise<void> {
    const key = `job:${job.name}:${occurrence.toISOString()}`;
    const now = this.deps.now().toISOString();
    if (await this.deps.store.claims.has(key, now)) return;
    try {
      await job.run(occurrence);
      await this.deps.store.claims.claim(key, now, DONE_MEMORY_MS);
      this.deps.logger.info({ job: job.name, occurrence }, "job done");
    } catch (error) {
      this.deps.logger.error({ err: error, job: job.name, occurrence }, "job failed");
    }
  }

  /** The most recent occurrence of a job at or before `now`, within its catch-up window. */
  latestOccurrence(job: Job, now: Date): Date | undefined {
    const matchers = job.schedules.map((expression) =>
      cron.createTask(expression, () => undefined, { timezone: this.deps.timeZone }),
    );
    try {
      const start = truncateToMinute(now).getTime();
      for (let at = start; at >= now.getTime() - job.catchUpWindowMs; at -= MINUTE) {
        const candidate = new Date(at);
        if (matchers.some((task) => task.match(candidate))) return candidate;
      }
      return undefined;
    } finally {
      for (const task of matchers) void task.destroy();
    }
  }

  /** Stops scheduling and waits for runs in progress. */
  async stop(): Promise<void> {
    for (const task of this.tasks) await task.destroy();
    this.tasks.length = 0;
    await Promise.all([...this.running]);
  }

  private track(run: Promise<void>): void {
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }
}

function truncateToMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / MINUTE) * MINUTE);
}
