import type { Unit } from "../unit.js";

/**
 * True when a unit exists at some point between two ISO dates (inclusive). A unit the
 * reference data no longer lists (`active: false`) and that carries no end date is treated
 * as gone: nobody should be chased for a hamlet that does not exist any more.
 */
export function existsDuring(unit: Unit, start: string, end: string): boolean {
  if (unit.active === false && !unit.validTo) return false;
  if (unit.validFrom && unit.validFrom > end) return false;
  if (unit.validTo && unit.validTo < start) return false;
  return true;
}
