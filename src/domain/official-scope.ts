import type { Member } from "./member.js";
import { existsDuring } from "./summary/unit-activity.js";
import type { Unit } from "./unit.js";
import type { UnitTree } from "./unit-tree.js";
import { type WeekKey, weekDates } from "./week.js";

/** The units an official oversees: the units of their `official` grants. */
export function officialUnits(member: Member): string[] {
  const ids = member.roles.filter((grant) => grant.role === "official").map((g) => g.unitId);
  return [...new Set(ids)];
}

/** True when the member holds an `official` grant at all. */
export function isOfficial(member: Member): boolean {
  return officialUnits(member).length > 0;
}

/**
 * The hamlets an official oversees that existed during the week, sorted by name: those under
 * any of their grants (a merged ward keeps the hamlets of the communes it absorbed).
 */
export function hamletsInScope(tree: UnitTree, member: Member, week: WeekKey): Unit[] {
  const { monday, sunday } = weekDates(week);
  const found = new Map<string, Unit>();
  for (const unitId of officialUnits(member)) {
    for (const hamlet of tree.hamletsUnder(unitId)) {
      if (existsDuring(hamlet, monday, sunday)) found.set(hamlet.id, hamlet);
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

/** A commune (or ward) and the hamlets of a list that lie in it. */
export interface AreaHamlets {
  /** The commune or ward; undefined for hamlets the tree places under none. */
  area?: Unit;
  hamlets: Unit[];
}

/** Groups hamlets by the commune or ward they lie in, communes sorted by name. */
export function groupByCommune(tree: UnitTree, hamlets: readonly Unit[]): AreaHamlets[] {
  const groups = new Map<string, AreaHamlets>();
  for (const hamlet of hamlets) {
    const area = tree.communeOf(hamlet.id);
    const key = area?.id ?? "";
    let group = groups.get(key);
    if (!group) {
      group = area ? { area, hamlets: [] } : { hamlets: [] };
      groups.set(key, group);
    }
    group.hamlets.push(hamlet);
  }
  return [...groups.values()].sort((a, b) =>
    (a.area?.name ?? "").localeCompare(b.area?.name ?? "", "vi"),
  );
}
