import type { Member } from "../../domain/member.js";
import type { UnitTree } from "../../domain/unit-tree.js";

/** Who may look at summaries, and over what: officials over their units, admins over all. */
export interface StatusViewer {
  admin: boolean;
  /** The units of the member's official (and admin) grants, in grant order. */
  scopes: string[];
}

/** The member as a viewer of summaries, or undefined when they are neither official nor admin. */
export function statusViewer(member: Member): StatusViewer | undefined {
  const grants = member.roles.filter((g) => g.role === "official" || g.role === "admin");
  if (grants.length === 0) return undefined;
  return {
    admin: grants.some((g) => g.role === "admin"),
    scopes: [...new Set(grants.map((g) => g.unitId))],
  };
}

/** True when the viewer may see the unit: inside one of their scopes, or any unit for an admin. */
export function mayView(viewer: StatusViewer, tree: UnitTree, unitId: string): boolean {
  if (!tree.get(unitId)) return false;
  return viewer.admin || viewer.scopes.some((scope) => tree.covers(scope, unitId));
}

/**
 * The area `/status` shows when none is named: the first scope that is a unit, else (for an
 * admin whose grant names no unit) the top of the tree.
 */
export function homeArea(viewer: StatusViewer, tree: UnitTree): string | undefined {
  const own = viewer.scopes.find((scope) => tree.get(scope));
  if (own) return own;
  if (!viewer.admin) return undefined;
  const tops = tree.all().filter((unit) => !unit.parent && unit.active);
  return tops[0]?.id;
}
