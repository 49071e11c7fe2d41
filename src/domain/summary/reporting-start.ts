import type { Member } from "../member.js";
import type { HamletReport } from "../report.js";
import type { Unit } from "../unit.js";
import { mondayOf, type WeekKey } from "../week.js";

/**
 * The date each hamlet is expected to report from: the date an admin set for it
 * (`units reporting-from`), else the day its first hamlet head started using the assistant
 * (bound a chat), or the week of its first report if that came earlier (a report shows a head
 * was using it, even one who has since left or was imported without a chat). A hamlet missing
 * from the map has no head using the assistant yet: it is not chased, and it is left out of
 * reporting rates. `firstReports` is each hamlet's earliest week with a report
 * (`firstReportWeeks`, or a ReportIndex's `firstWeeks`).
 */
export function reportingStarts(
  units: readonly Unit[],
  members: readonly Member[],
  firstReports: ReadonlyMap<string, WeekKey> = new Map(),
): Map<string, string> {
  const starts = new Map<string, string>();
  for (const [hamletId, week] of firstReports) {
    const { year, month, day } = mondayOf(week);
    starts.set(
      hamletId,
      `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    );
  }
  for (const member of members) {
    if (!member.active || member.forgottenAt) continue;
    // Most members head no hamlet: they are passed before their chats are looked at.
    if (!member.roles.some((grant) => grant.role === "hamlet_head")) continue;
    const firstBound = member.identities.map((identity) => identity.boundAt.slice(0, 10)).sort()[0];
    if (!firstBound) continue;
    for (const grant of member.roles) {
      if (grant.role !== "hamlet_head") continue;
      const held = starts.get(grant.unitId);
      if (!held || firstBound < held) starts.set(grant.unitId, firstBound);
    }
  }
  for (const unit of units) {
    if (unit.reportingFrom) starts.set(unit.id, unit.reportingFrom);
  }
  return starts;
}

/** Hamlet id → the earliest week it has a report for, in the order the reports come. */
export function firstReportWeeks(reports: readonly HamletReport[]): Map<string, WeekKey> {
  const first = new Map<string, WeekKey>();
  for (const report of reports) {
    const held = first.get(report.hamletId);
    if (held === undefined || report.week < held) first.set(report.hamletId, report.week);
  }
  return first;
}
