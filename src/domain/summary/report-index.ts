import type { HamletReport } from "../report.js";
import type { WeekKey } from "../week.js";

/**
 * Reports indexed by week, then hamlet: one report per hamlet and week (the latest version),
 * so a summary looks reports up instead of scanning them all for every hamlet.
 */
export class ReportIndex {
  private readonly byWeek = new Map<WeekKey, Map<string, HamletReport>>();

  constructor(reports: readonly HamletReport[]) {
    for (const report of reports) {
      let week = this.byWeek.get(report.week);
      if (!week) {
        week = new Map();
        this.byWeek.set(report.week, week);
      }
      const held = week.get(report.hamletId);
      if (!held || supersedes(report, held)) week.set(report.hamletId, report);
    }
  }

  /** The hamlet's report for the week (returned or not), if any. */
  get(week: WeekKey, hamletId: string): HamletReport | undefined {
    return this.byWeek.get(week)?.get(hamletId);
  }

  /** Every hamlet's report for the week. */
  week(week: WeekKey): ReadonlyMap<string, HamletReport> {
    return this.byWeek.get(week) ?? EMPTY;
  }
}

const EMPTY: ReadonlyMap<string, HamletReport> = new Map();

/**
 * True when a report settles the hamlet's week: a returned one still owes the head a
 * correction (reminders and the review listing), though its figures count in summaries.
 */
export function counts(report: HamletReport | undefined): report is HamletReport {
  return report !== undefined && report.review !== "returned";
}

/** True when an official returned the report for clarification and the head has not corrected it. */
export function awaitsClarification(report: HamletReport): boolean {
  return report.review === "returned";
}

// When history is passed in too, the newest version of a hamlet's week replaces the older.
function supersedes(candidate: HamletReport, held: HamletReport): boolean {
  if (candidate.version !== held.version) return candidate.version > held.version;
  return candidate.submittedAt >= held.submittedAt;
}

const cache = new WeakMap<readonly HamletReport[], ReportIndex>();

/** The index of a list of reports, built once per list and reused while the list is. */
export function reportIndexOf(reports: readonly HamletReport[]): ReportIndex {
  let index = cache.get(reports);
  if (!index) {
    index = new ReportIndex(reports);
    cache.set(reports, index);
  }
  return index;
}
