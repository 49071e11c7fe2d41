import type { HamletReport } from "../report.js";
import type { WeekKey } from "../week.js";

/**
 * Reports indexed by week, then hamlet: one report per hamlet and week (the latest version),
 * so a summary looks reports up instead of scanning them all for every hamlet. An index never
 * changes once built: `with` returns a new one that shares every week no report touched, so
 * taking in one new report costs one week's copy, not a pass over a year of reports.
 */
export class ReportIndex {
  private readonly byWeek: Map<WeekKey, Map<string, HamletReport>>;
  /** Hamlet id → the earliest week it has a report for (returned or not). */
  private readonly first: Map<string, WeekKey>;
  /**
   * Field totals by week (its map of reports) and set of hamlets: shared with the indexes
   * made by `with`, so a week no report touched is not summed again.
   */
  private readonly totals: WeakMap<object, WeakMap<ReadonlySet<string>, Map<string, number>>>;
  private sortedWeeks: WeekKey[] | undefined;

  /** `built` is for `with` only: the parts of an index already made. */
  constructor(reports: readonly HamletReport[], built?: IndexParts) {
    this.byWeek = built?.byWeek ?? new Map();
    this.first = built?.first ?? new Map();
    this.totals = built?.totals ?? new WeakMap();
    for (const report of reports) {
      const week = this.weekToWrite(report.week);
      const held = week.get(report.hamletId);
      if (!held || supersedes(report, held)) week.set(report.hamletId, report);
      this.noteFirst(report);
    }
  }

  /**
   * The index with these reports in place of those held for their hamlet and week: the
   * current versions, as the store hands out what was written since (`reports.changedSince`).
   * The same index when there are none.
   */
  with(reports: readonly HamletReport[]): ReportIndex {
    if (reports.length === 0) return this;
    const byWeek = new Map(this.byWeek);
    let first = this.first;
    const copied = new Set<WeekKey>();
    for (const report of reports) {
      let week = byWeek.get(report.week);
      if (!week || !copied.has(report.week)) {
        week = new Map(week);
        byWeek.set(report.week, week);
        copied.add(report.week);
      }
      week.set(report.hamletId, report);
      const held = first.get(report.hamletId);
      if (held === undefined || report.week < held) {
        if (first === this.first) first = new Map(first);
        first.set(report.hamletId, report.week);
      }
    }
    return new ReportIndex([], { byWeek, first, totals: this.totals });
  }

  /** The hamlet's report for the week (returned or not), if any. */
  get(week: WeekKey, hamletId: string): HamletReport | undefined {
    return this.byWeek.get(week)?.get(hamletId);
  }

  /** Every hamlet's report for the week. */
  week(week: WeekKey): ReadonlyMap<string, HamletReport> {
    return this.byWeek.get(week) ?? EMPTY;
  }

  /**
   * Field totals of the week's reports from these hamlets, those awaiting clarification
   * included. Kept while the week and the set (the same object) are: pass a set kept per area.
   */
  weekTotals(week: WeekKey, hamletIds: ReadonlySet<string>): ReadonlyMap<string, number> {
    const reports = this.week(week);
    let bySet = this.totals.get(reports);
    if (!bySet) {
      bySet = new WeakMap();
      this.totals.set(reports, bySet);
    }
    let totals = bySet.get(hamletIds);
    if (!totals) {
      totals = new Map();
      for (const [hamletId, report] of reports) {
        if (!hamletIds.has(hamletId)) continue;
        for (const [fieldId, value] of Object.entries(report.values)) {
          if (Number.isFinite(value)) totals.set(fieldId, (totals.get(fieldId) ?? 0) + value);
        }
      }
      bySet.set(hamletIds, totals);
    }
    return totals;
  }

  /**
   * Hamlet id → the earliest week the hamlet has a report for, returned or not: a report
   * shows a head was using the assistant (see reportingStarts). The same map while no report
   * moves a hamlet's first week.
   */
  firstWeeks(): ReadonlyMap<string, WeekKey> {
    return this.first;
  }

  /** The first week, up to `last`, with a counted report from one of the hamlets. */
  firstCountedWeek(hamletIds: ReadonlySet<string>, last: WeekKey): WeekKey | undefined {
    this.sortedWeeks ??= [...this.byWeek.keys()].sort();
    for (const week of this.sortedWeeks) {
      if (week > last) return undefined;
      const reports = this.week(week);
      // Whichever of the two is smaller is walked: a hamlet's area, or a week of a province.
      if (hamletIds.size < reports.size) {
        for (const id of hamletIds) if (counts(reports.get(id))) return week;
      } else {
        for (const [id, report] of reports) if (hamletIds.has(id) && counts(report)) return week;
      }
    }
    return undefined;
  }

  private weekToWrite(key: WeekKey): Map<string, HamletReport> {
    let week = this.byWeek.get(key);
    if (!week) {
      week = new Map();
      this.byWeek.set(key, week);
    }
    return week;
  }

  private noteFirst(report: HamletReport): void {
    const held = this.first.get(report.hamletId);
    if (held === undefined || report.week < held) this.first.set(report.hamletId, report.week);
  }
}

const EMPTY: ReadonlyMap<string, HamletReport> = new Map();

/** What an index is made of, handed from one index to the next by `with`. */
interface IndexParts {
  byWeek: Map<WeekKey, Map<string, HamletReport>>;
  first: Map<string, WeekKey>;
  totals: WeakMap<object, WeakMap<ReadonlySet<string>, Map<string, number>>>;
}

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

/**
 * The index of a list of reports, built once per list and reused while the list is; an index
 * given is its own.
 */
export function reportIndexOf(reports: readonly HamletReport[] | ReportIndex): ReportIndex {
  if (reports instanceof ReportIndex) return reports;
  let index = cache.get(reports);
  if (!index) {
    index = new ReportIndex(reports);
    cache.set(reports, index);
  }
  return index;
}
