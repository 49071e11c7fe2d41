import type { CriteriaSet, CriterionStatus } from "../criteria.js";

/** A commune's or ward's confirmed criteria of the set its target is judged by. */
export interface UnitCriteriaProgress {
  setId: string;
  /** Criteria of the set confirmed met on the date. */
  met: number;
  /** Criteria in the set (19 for QĐ 318). */
  of: number;
  /** False when nothing at all was recorded for the unit in this set by the date. */
  recorded: boolean;
}

/**
 * The commune-level set a unit target is judged by: the one granting the target's status when
 * the data has it (an advanced or model set), else the base commune set (QĐ 318), which every
 * higher status builds on. Undefined when the data has no commune set.
 */
export function communeSetFor(
  sets: readonly CriteriaSet[],
  status: string,
): CriteriaSet | undefined {
  const commune = sets.filter((set) => set.level === "commune" && set.active !== false);
  return commune.find((set) => set.status === status) ?? commune.find((set) => !set.status);
}

/**
 * How far a commune or ward stands in a set on a date: the criteria whose latest recorded
 * state by then is "met" (confirmed; a claim is not met), and whether anything was recorded.
 */
export function unitCriteriaProgress(
  statuses: readonly CriterionStatus[],
  set: CriteriaSet,
  unitId: string,
  date: string,
): UnitCriteriaProgress {
  const ids = new Set(set.criteria.map((criterion) => criterion.id));
  // Criteria may be recorded by their bare id as well as qualified by the set.
  const inSet = (id: string) => ids.has(id) || ids.has(`${set.id}/${id}`);
  const latest = new Map<string, CriterionStatus>();
  for (const status of statuses) {
    if (status.unitId !== unitId || !inSet(status.criterionId)) continue;
    if (status.since.slice(0, 10) > date) continue;
    const key = status.criterionId.startsWith(`${set.id}/`)
      ? status.criterionId
      : `${set.id}/${status.criterionId}`;
    const held = latest.get(key);
    if (!held || status.since >= held.since) latest.set(key, status);
  }
  const met = [...latest.values()].filter((status) => status.state === "met").length;
  return { setId: set.id, met, of: set.criteria.length, recorded: latest.size > 0 };
}
