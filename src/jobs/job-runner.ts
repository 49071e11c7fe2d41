import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.js";
import type { Store } from "../store/store.js";
import type { Job } from "./job.js";

const MINUTE = 60_000;
/** How long the "done" mark of an occurrence is kept. */
const DONE_MEMORY_MS = 90 * 24 * 3600_000;

/** What the runner needs; `sharedLeaseMs` only where several instances share the store. */
export interface JobRunnerDeps {
  store: Store;
  logger: Logger;
  timeZone: string;
  now: () => Date;
  /**
   * Set when several instances share the store (PostgreSQL): an occurrence is run only under
   * a lease claimed in the store for this long, so of instances ticking at the same minute
   * one runs it; and every minute each instance catches up, so an occurrence whose runner
   * died is run by another once the lease has passed.
   */
  sharedLeaseMs?: number;
}

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
    private readonly deps: JobRunnerDeps,
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
    if (this.deps.sharedLeaseMs !== undefined) {
      const task = cron.schedule("* * * * *", () => this.track(this.catchUp()), {
        timezone: this.deps.timeZone,
        name: "take over abandoned occurrences",
        noOverlap: true,
      });
      this.tasks.push(task);
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

  /**
   * Runs one occurrence unless it is already done (or, shared, under another instance's
   * lease); marks it done when it succeeds.
   */
  async runOccurrence(job: Job, occurrence: Date): Promise<void> {
    const key = `job:${job.name}:${occurrence.toISOString()}`;
    const now = this.deps.now().toISOString();
    const { claims } = this.deps.store;
    if (await claims.has(key, now)) return;
    const lease = this.deps.sharedLeaseMs;
    // The check above and the mark below are two statements: between them another instance
    // may check too. The lease is one statement (insert, or take over an expired one).
    if (lease !== undefined && !(await claims.claim(`job-lease:${key}`, now, lease))) return;
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
      const earliest = now.getTime() - job.catchUpWindowMs;
      // Asking node-cron costs an Intl date split per minute (3.6 s of CPU before the first
      // answer, profiled), so only minutes of the hour a schedule names are asked about.
      const minutes = namedMinutes(job.schedules, this.deps.timeZone, now, new Date(earliest));
      for (let at = start; at >= earliest; at -= MINUTE) {
        if (minutes && !minutes.names.has((new Date(at).getUTCMinutes() + minutes.shift) % 60)) {
          continue;
        }
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

/**
 * The minutes of the hour (in the time zone) at which any of the schedules can fire, and how
 * far the zone's minutes are from UTC's; undefined when that is not plain (a range, a step, a
 * wildcard) or when the zone's minute shift changes within the window.
 */
function namedMinutes(
  schedules: readonly string[],
  timeZone: string,
  from: Date,
  to: Date,
): { names: Set<number>; shift: number } | undefined {
  const names = new Set<number>();
  for (const expression of schedules) {
    const fields = expression.trim().split(/\s+/);
    const minute = fields.length === 6 ? fields[1] : fields[0];
    if (!minute || !/^\d{1,2}(,\d{1,2})*$/.test(minute)) return undefined;
    for (const value of minute.split(",")) names.add(Number(value));
  }
  const shift = minuteShift(timeZone, from);
  return shift === minuteShift(timeZone, to) ? { names, shift } : undefined;
}

/** How many minutes the zone's minute of the hour is ahead of UTC's (0 for whole-hour zones). */
function minuteShift(timeZone: string, at: Date): number {
  const minute = Number(
    new Intl.DateTimeFormat("en-US", { timeZone, minute: "numeric" }).format(at),
  );
  return (minute - at.getUTCMinutes() + 60) % 60;
}
