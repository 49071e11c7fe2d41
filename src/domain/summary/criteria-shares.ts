import type { CriteriaSet } from "../criteria.js";
import type { Unit } from "../unit.js";
import type { CriteriaStanding } from "./criteria-standing.js";
import { hamletsOn } from "./plan-progress.js";
import type { CriteriaShare } from "./types.js";

/**
 * How many of the area's hamlets meet each hamlet criteria set (NTM, model) on a date, with
 * no target beside it: what a summary shows of the criteria when no plan is in force.
 */
export function criteriaShares(
  sets: readonly CriteriaSet[],
  standing: CriteriaStanding,
  hamlets: readonly Unit[],
  date: string,
): CriteriaShare[] {
  const present = hamletsOn(hamlets, date);
  if (present.length === 0) return [];
  const shares: CriteriaShare[] = [];
  for (const set of sets) {
    if (set.level !== "hamlet" || !set.status || !set.active) continue;
    const meeting = present.filter((hamlet) => standing.meets(hamlet.id, set)).length;
    shares.push({ status: set.status, meeting, hamlets: present.length });
  }
  return shares;
}
