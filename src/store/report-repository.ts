import type { CriterionStatus } from "../domain/criteria.js";
import type { HamletReport } from "../domain/report.js";
import type { Story } from "../domain/story.js";

/**
 * Everything filing a weekly report changes, stored by `reports.submit` as one unit of work:
 * all of it or, after a crash, none of it.
 */
export interface ReportSubmission {
  /**
   * The report as filed, without its receipt: the store draws the next number of the week's
   * sequence (`receiptSequence`) and writes `receiptOf(week, number)`. `version` is one past
   * the stored report's (0 for the first), which goes to history.
   */
  report: Omit<HamletReport, "receipt">;
  /** Criteria statuses the report changes (claimed, or back to unmet). */
  criteria: CriterionStatus[];
  /** The library's nomination of the report's good deed: stored, or a stale one removed. */
  nomination?: { save: Story } | { remove: string };
}

/** What `changedSince` hands out: the reports written since a mark, and the next mark. */
export interface ReportChanges {
  /** What to ask from next time: it covers every write this answer includes. */
  mark: string;
  /**
   * True when `reports` is every current report: no mark was given, or one this store cannot
   * go on from (made by another process of a lowdb store, or grown too old). The reader
   * replaces what it held.
   */
  everything: boolean;
  /** The current version of each report written since the mark (or of every report). */
  reports: HamletReport[];
}

/** Weekly reports: one counted report per hamlet and week, with every earlier version kept. */
export interface ReportRepository {
  get(hamletId: string, week: string): Promise<HamletReport | undefined>;
  /**
   * Stores the report if it follows the stored one: a new version (`version` one past the
   * stored one, which is kept in history), or a change to the stored version itself (its
   * review), same version and receipt. False, and nothing stored, when the report was filed
   * again since the copy this one was made from.
   */
  save(report: HamletReport): Promise<boolean>;
  /**
   * Files a report with everything it changes, as one unit of work. Returns the report as
   * stored (with its receipt), or undefined, and nothing stored, when the report's `version`
   * does not follow the stored one (filed again meanwhile): the caller reads again.
   */
  submit(submission: ReportSubmission): Promise<HamletReport | undefined>;
  listWeek(week: string): Promise<HamletReport[]>;
  /** Every counted report (current versions), for summaries. */
  listAll(): Promise<HamletReport[]>;
  /**
   * The reports filed or changed (a new version, a review) since `mark`, a value an earlier
   * call returned, so that summaries take in what changed instead of reading every report
   * again; with no mark, every report. It sees the writes of every process on the store.
   * Reports are never deleted while a store is open, so none is missing from the answer.
   */
  changedSince(mark?: string): Promise<ReportChanges>;
  listByAuthor(memberId: string): Promise<HamletReport[]>;
  /** Earlier versions of a hamlet's report for a week, oldest first. */
  history(hamletId: string, week: string): Promise<HamletReport[]>;
  /** Weeks an official reopened for a hamlet. */
  reopen(hamletId: string, week: string, by: string, at: string): Promise<void>;
  isReopened(hamletId: string, week: string): Promise<boolean>;
}
