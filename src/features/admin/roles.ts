import { mergeGrants } from "../../domain/invite-redemption.js";
import type { Member } from "../../domain/member.js";
import type { Role, RoleGrant } from "../../domain/role.js";
import type { Unit } from "../../domain/unit.js";
import { successorOf } from "../../domain/unit-successor.js";
import { updateMember } from "../../store/member-update.js";
import type { Store } from "../../store/store.js";

/** A role change: the role, and optionally the unit and organisations it covers. */
export interface RoleChange {
  memberId: string;
  role: Role;
  /** Defaults to the member's own unit when granting; any unit when revoking. */
  unitId?: string;
  /** Granting: the organisations a broadcaster speaks for. Revoking: only grants with these. */
  orgIds?: string[];
  /** ISO date of the change: a role is not granted over a unit that has ended by then. */
  today?: string;
}

/** Why a role change did nothing. */
export type RoleRefusal =
  | "unknown-member"
  | "forgotten-member"
  | "unknown-unit"
  | "ended-unit"
  | "unknown-org"
  | "already-held"
  | "not-held";

/** The member after a role change, or why it was refused (with the offending id). */
export type RoleChangeResult =
  | { ok: true; member: Member; grants: RoleGrant[] }
  | { ok: false; reason: RoleRefusal; value?: string; successor?: Pick<Unit, "id" | "name"> };

/** Gives a member a role over a unit (their own by default) and, for broadcasters, orgs. */
export async function grantRole(store: Store, change: RoleChange): Promise<RoleChangeResult> {
  const member = await store.members.get(change.memberId);
  if (!member) return { ok: false, reason: "unknown-member", value: change.memberId };
  if (member.forgottenAt) return { ok: false, reason: "forgotten-member", value: member.id };
  const unitId = change.unitId ?? member.unitId;
  const unit = await store.units.get(unitId);
  if (!unit) return { ok: false, reason: "unknown-unit", value: unitId };
  if (change.today) {
    const units = new Map((await store.units.list()).map((u) => [u.id, u]));
    const successor = successorOf(unit, change.today, (id) => units.get(id));
    // A role over xã Hưng Đạo after 2025 would cover nothing anyone reports to today.
    if (successor) {
      return { ok: false, reason: "ended-unit", value: unitId, successor };
    }
  }
  const orgIds = [...new Set(change.orgIds ?? [])];
  for (const orgId of orgIds) {
    if (!(await store.organisations.get(orgId))) {
      return { ok: false, reason: "unknown-org", value: orgId };
    }
  }
  const grant: RoleGrant = { role: change.role, unitId, orgIds };
  const updated = await updateMember(store.members, member.id, (current) => {
    const roles = mergeGrants(current.roles, [grant]);
    return roles.length === current.roles.length
      ? ("already-held" as const)
      : { ...current, roles };
  });
  if (!updated) return { ok: false, reason: "unknown-member", value: change.memberId };
  if ("refused" in updated) return { ok: false, reason: updated.refused };
  return { ok: true, member: updated.member, grants: [grant] };
}

/**
 * Takes a role away: every grant of that role, narrowed to a unit and to grants naming the
 * given organisations when those are given.
 */
export async function revokeRole(store: Store, change: RoleChange): Promise<RoleChangeResult> {
  const orgIds = change.orgIds ?? [];
  let revoked: RoleGrant[] = [];
  const updated = await updateMember(store.members, change.memberId, (member) => {
    revoked = member.roles.filter(
      (grant) =>
        grant.role === change.role &&
        (change.unitId === undefined || grant.unitId === change.unitId) &&
        orgIds.every((orgId) => grant.orgIds.includes(orgId)),
    );
    if (revoked.length === 0) return "not-held" as const;
    return { ...member, roles: member.roles.filter((grant) => !revoked.includes(grant)) };
  });
  if (!updated) return { ok: false, reason: "unknown-member", value: change.memberId };
  if ("refused" in updated) return { ok: false, reason: updated.refused };
  return { ok: true, member: updated.member, grants: revoked };
}
