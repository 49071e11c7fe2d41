import type { Member } from "../member.js";
import type { Unit } from "../unit.js";

/**
 * The date each hamlet is expected to report from: the date an admin set for it
 * (`units reporting-from`), else the day its first hamlet head started using the assistant
 * (bound a chat). A hamlet missing from the map has no head using the assistant yet: it is
 * not chased, and it is left out of reporting rates.
 */
export function reportingStarts(
  units: readonly Unit[],
  members: readonly Member[],
): Map<string, string> {
  const starts = new Map<string, string>();
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
