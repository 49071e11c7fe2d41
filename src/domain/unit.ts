/** Where a record came from: the shipped reference data (`data/`) or the admin CLI. */
export type RecordSource = "data" | "cli";

/** The kinds of administrative unit, from the city down to the hamlet (xóm). */
export const UNIT_KINDS = ["city", "commune", "ward", "hamlet"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * An administrative unit. Units are never deleted once history may refer to them: a unit
 * that no longer exists gets `validTo` (and usually a `successor`) or `active: false`.
 */
export interface Unit {
  id: string;
  kind: UnitKind;
  name: string;
  /** Parent unit id; absent only for the top of the tree. */
  parent?: string;
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
