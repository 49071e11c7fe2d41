/** The roles a member may hold. */
export const ROLES = [
  "member",
  "hamlet_head",
  "broadcaster",
  "approver",
  "official",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

/** Narrows a string to a Role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * A role held over a scope: the unit subtree it covers (a hamlet head's hamlet, an official's
 * commune) and, for broadcasters, the organisations they speak for.
 */
export interface RoleGrant {
  role: Role;
  unitId: string;
  orgIds: string[];
}
