/** Where a record came from: the shipped reference data (`data/`) or the admin CLI. */
export type RecordSource = "data" | "cli";

/** The kinds of administrative unit, from the province down to the hamlet (xóm). */
export const UNIT_KINDS = ["province", "city", "commune", "ward", "hamlet"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * An administrative unit. Units are never deleted once history may refer to them: a unit
 * that no longer exists gets `validTo` (and usually a `successor`) or `active: false`.
 */
export interface Unit {
  id: string;
  kind: UnitKind;
  name: string;
  /** Parent unit id today; absent only for the top of the tree. */
  parent?: string;
  /**
   * The parent over time, when it changed (a hamlet of xã Hưng Đạo belongs to phường Thục
   * Phán from 2025-07-01). Dates are ISO and inclusive; an open end runs on.
   */
  parents?: UnitParentSpan[];
  /** Earlier or later names and kinds (xóm → tổ dân phố), each from a date on. */
  names?: UnitNameSpan[];
  /** ISO date from which a hamlet is expected to report, set by an admin (`units reporting-from`). */
  reportingFrom?: string;
  /** ISO date (yyyy-mm-dd) from which the unit exists. */
  validFrom?: string;
  /** ISO date (yyyy-mm-dd), inclusive, after which the unit no longer exists. */
  validTo?: string;
  /** The unit that absorbed this one after `validTo` (the 2025 merger). */
  successor?: string;
  /** Households of a hamlet: the emulation table compares contributions per household. */
  households?: number;
  source: RecordSource;
  /** False when the reference data no longer lists it; kept for history. */
  active: boolean;
}

/** One stretch of a unit's parent. */
export interface UnitParentSpan {
  parent: string;
  from?: string;
  to?: string;
}

/** A unit's name (and kind) from a date on, until the next span begins. */
export interface UnitNameSpan {
  from: string;
  name: string;
  kind: UnitKind;
}

/** The parent of a unit on an ISO date: the dated span covering it, else its parent today. */
export function parentOn(unit: Unit, date: string): string | undefined {
  for (const span of unit.parents ?? []) {
    if (
      (span.from === undefined || span.from <= date) &&
      (span.to === undefined || date <= span.to)
    ) {
      return span.parent;
    }
  }
  return unit.parent;
}

/** Every unit that was ever the parent of this one. */
export function parentsEver(unit: Unit): string[] {
  const ids = new Set<string>();
  if (unit.parent) ids.add(unit.parent);
  for (const span of unit.parents ?? []) ids.add(span.parent);
  return [...ids];
}

/**
 * The unit as it was called on an ISO date: its name and kind then. `name`/`kind` are the
 * first ones; each entry of `names` replaces them from its date on.
 */
export function unitOn<T extends Pick<Unit, "name" | "kind" | "names">>(unit: T, date: string): T {
  let current: T = unit;
  const spans = [...(unit.names ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  for (const span of spans) {
    if (span.from <= date) current = { ...current, name: span.name, kind: span.kind };
  }
  return current;
}

/** True when the unit exists on an ISO date (not before its start, not after its end). */
export function existsOn(unit: Unit, date: string): boolean {
  if (!unit.active && !unit.validTo) return false;
  if (unit.validFrom && unit.validFrom > date) return false;
  return !(unit.validTo && unit.validTo < date);
}

/**
 * The units at the top of the tree on an ISO date: those existing then whose parent then does
 * not (tỉnh Cao Bằng since 1 July 2025; a deployment elsewhere has its own). Texts that name
 * the area served take it from here, so a reorganisation is a data edit.
 */
export function topUnitsOn(units: readonly Unit[], date: string): Unit[] {
  const existing = new Map(units.filter((u) => existsOn(u, date)).map((u) => [u.id, u]));
  return [...existing.values()].filter((unit) => {
    const parent = parentOn(unit, date);
    return parent === undefined || !existing.has(parent);
  });
}
