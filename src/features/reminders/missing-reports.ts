import type { HamletReport } from "../../domain/report.js";
import { counts } from "../../domain/summary/report-index.js";
import { existsDuring } from "../../domain/summary/unit-activity.js";
import type { Unit } from "../../domain/unit.js";
import { type WeekKey, weekDates } from "../../domain/week.js";

/** A hamlet that owes a week's report: none came, or the one that came was returned. */
export interface MissingReport {
  hamlet: Unit;
  /** The report came but an official returned it, and it is not corrected yet. */
  returned: boolean;
}

/** A hamlet's counted report for a week, by hamlet id. */
export type WeekReports = ReadonlyMap<string, HamletReport>;

/** The reports of one week by hamlet. */
export function byHamlet(reports: readonly HamletReport[]): WeekReports {
  return new Map(reports.map((report) => [report.hamletId, report]));
}

/**
 * The hamlets among `hamlets` that existed during the week and have no report that counts
 * (a returned report still owes a correction), in the order given.
 */
export function missingReports(
  hamlets: readonly Unit[],
  week: WeekKey,
  reports: WeekReports,
): MissingReport[] {
  const { monday, sunday } = weekDates(week);
  const missing: MissingReport[] = [];
  for (const hamlet of hamlets) {
    if (hamlet.kind !== "hamlet" || !existsDuring(hamlet, monday, sunday)) continue;
    const report = reports.get(hamlet.id);
    if (counts(report)) continue;
    missing.push({ hamlet, returned: report !== undefined });
  }
  return missing;
}
