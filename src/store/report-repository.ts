import type { HamletReport } from "../domain/report.js";

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
  listWeek(week: string): Promise<HamletReport[]>;
  /** Every counted report (current versions), for summaries. */
  listAll(): Promise<HamletReport[]>;
  listByAuthor(memberId: string): Promise<HamletReport[]>;
  /** Earlier versions of a hamlet's report for a week, oldest first. */
  history(hamletId: string, week: string): Promise<HamletReport[]>;
  /** Weeks an official reopened for a hamlet. */
  reopen(hamletId: string, week: string, by: string, at: string): Promise<void>;
  isReopened(hamletId: string, week: string): Promise<boolean>;
}
