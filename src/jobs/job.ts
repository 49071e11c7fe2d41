/** A scheduled piece of work: a feature called at each occurrence of its cron expressions. */
export interface Job {
  name: string;
  /** Cron expressions, in the configured time zone. */
  schedules: readonly string[];
  /**
   * How long after an occurrence it is still worth running when the bot was down at that
   * moment (a reminder on Friday 08:00 is still useful at 10:00, not on Saturday).
   */
  catchUpWindowMs: number;
  /** Does the work of one occurrence. Must be idempotent: it may run twice after a crash. */
  run(occurrence: Date): Promise<void>;
}
