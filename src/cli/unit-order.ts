import type { Unit } from "../domain/unit.js";

/**
 * Units in the order of the tree: each unit followed by its children (by id), roots first;
 * units whose parent is missing come last. The same data always lists the same way, so two
 * listings can be compared line by line.
 */
export function unitsInTreeOrder(units: readonly Unit[]): Unit[] {
  const ids = new Set(units.map((unit) => unit.id));
  const children = new Map<string, Unit[]>();
  const roots: Unit[] = [];
  const orphans: Unit[] = [];
  for (const unit of units) {
    if (!unit.parent) roots.push(unit);
    else if (!ids.has(unit.parent)) orphans.push(unit);
    else children.set(unit.parent, [...(children.get(unit.parent) ?? []), unit]);
  }
  const ordered: Unit[] = [];
  const seen = new Set<string>();
  const visit = (unit: Unit) => {
    if (seen.has(unit.id)) return;
    seen.add(unit.id);
    ordered.push(unit);
    for (const child of [...(children.get(unit.id) ?? [])].sort(byId)) visit(child);
  };
  for (const root of [...roots].sort(byId)) visit(root);
  for (const orphan of [...orphans].sort(byId)) visit(orphan);
  // Units caught in a parent cycle are reached from nowhere above.
  for (const unit of [...units].sort(byId)) visit(unit);
  return ordered;
}

function byId(a: Unit, b: Unit): number {
  return a.id.localeCompare(b.id);
}
