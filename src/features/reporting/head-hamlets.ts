import type { Member } from "../../domain/member.js";

/**
 * The hamlets a member heads, from their `hamlet_head` grants: the only hamlets they may
 * report for, whatever a message claims.
 */
export function headHamlets(member: Member): string[] {
  const ids = member.roles.filter((grant) => grant.role === "hamlet_head").map((g) => g.unitId);
  return [...new Set(ids)];
}

/** True when the member heads this hamlet. */
export function headsHamlet(member: Member, hamletId: string): boolean {
  return headHamlets(member).includes(hamletId);
}
