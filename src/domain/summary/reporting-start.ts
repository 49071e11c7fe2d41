import type { Member } from "../member.js";
import type { HamletReport } from "../report.js";
import type { Unit } from "../unit.js";
import { mondayOf } from "../week.js";

/**
 * The date each hamlet is expected to report from: the date an admin set for it
 * (`units reporting-from`), else the day its first hamlet head started using the assistant
 * (bound a chat), or the week of its first report if that came earlier (a report shows a head
 * was using it, even one who has since left or was imported without a chat). A hamlet missing
 * from the map has no head using the assistant yet: it is not chased, and it is left out of
 * reporting rates.
 */
export function reportingStarts(
  units: readonly Unit[],
  members: readonly Member[],
  reports: readonly HamletReport[] = [],
): Map<string, string> {
  const starts = new Map<string, string>();
  for (const report of reports) {
    const { year, month, day } = mondayOf(report.week);
    const monday = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const held = starts.get(report.hamletId);
    if (!held || monday < held) starts.set(report.hamletId, monday);
  }
  for (const member of members) {
    if (!member.active || member.forgottenAt) continue;
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
