import type { Unit } from "./unit.js";

/**
 * The unit that took over from one that no longer exists on an ISO date (xã Hưng Đạo →
 * phường Thục Phán), following the chain of successors; undefined while the unit exists.
 * Nothing new (an invite, a role, a broadcast) may be placed on an ended unit.
 */
export function successorOf(
  unit: Unit,
  date: string,
  get: (id: string) => Unit | undefined,
): Unit | undefined {
  if (!unit.validTo || unit.validTo >= date) return undefined;
  const seen = new Set<string>([unit.id]);
  let current = unit;
  while (current.successor && !seen.has(current.successor)) {
    const next = get(current.successor);
    if (!next) break;
    seen.add(next.id);
    current = next;
    if (!current.validTo || current.validTo >= date) return current;
  }
  return current === unit ? undefined : current;
}
