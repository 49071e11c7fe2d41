import type { Channel, Member } from "./member.js";
import { reachableIdentity } from "./reachability.js";
import type { Role, RoleGrant } from "./role.js";
import type { Unit } from "./unit.js";
import type { UnitTree } from "./unit-tree.js";

/**
 * Who a broadcast is for: members of any of `orgIds`, living in any of `areaIds` (a commune,
 * some hamlets, or a whole scope), holding any of `roles` (empty: whatever their role).
 */
export interface Audience {
  orgIds: string[];
  areaIds: string[];
  roles: Role[];
}

/** The members an audience reaches, split by what becomes of them. */
export interface AudienceSelection {
  /** Will be sent the message: not opted out, reachable on some channel. */
  recipients: Member[];
  /** Per channel: where each recipient is reached (the chat they used last); absent: none. */
  byChannel: Map<Channel, number>;
  /** Match the audience but said /stop. */
  optedOut: Member[];
  /** Match the audience but have no chat the bot can reach (never joined, or blocked it). */
  unreachable: Member[];
}

/** The roles a member holds: their grants' roles, and always `member` (everyone is one). */
export function rolesHeld(member: Pick<Member, "roles">): Set<Role> {
  return new Set<Role>(["member", ...member.roles.map((grant) => grant.role)]);
}

/** Whether a member falls inside an audience (active, in an organisation, area and role of it). */
export function inAudience(member: Member, audience: Audience, tree: UnitTree): boolean {
  if (!member.active || member.forgottenAt) return false;
  if (!member.orgIds.some((org) => audience.orgIds.includes(org))) return false;
  if (!audience.areaIds.some((area) => tree.covers(area, member.unitId))) return false;
  if (audience.roles.length === 0) return true;
  const held = rolesHeld(member);
  return audience.roles.some((role) => held.has(role));
}

/** Selects an audience among members: who gets the message, who opted out, who cannot be reached. */
export function audienceFor(
  members: readonly Member[],
  audience: Audience,
  tree: UnitTree,
): AudienceSelection {
  const selection: AudienceSelection = {
    recipients: [],
    byChannel: new Map(),
    optedOut: [],
    unreachable: [],
  };
  for (const member of members) {
    if (!inAudience(member, audience, tree)) continue;
    if (member.optedOut) {
      selection.optedOut.push(member);
      continue;
    }
    const identity = reachableIdentity(member);
    if (!identity) {
      selection.unreachable.push(member);
      continue;
    }
    selection.recipients.push(member);
    selection.byChannel.set(identity.channel, (selection.byChannel.get(identity.channel) ?? 0) + 1);
  }
  return selection;
}

/** A member's broadcaster grants: each an organisation list over a unit subtree. */
export function broadcasterGrants(member: Pick<Member, "roles">): RoleGrant[] {
  return member.roles.filter((grant) => grant.role === "broadcaster" && grant.orgIds.length > 0);
}

/** The organisations a broadcaster may speak for, in the order of their grants. */
export function grantedOrgIds(grants: readonly RoleGrant[]): string[] {
  return [...new Set(grants.flatMap((grant) => grant.orgIds))];
}

/** The grant that lets its holder speak for `orgId` to `unitId`, if any (the narrowest first). */
export function grantFor(
  grants: readonly RoleGrant[],
  orgId: string,
  unitId: string,
  tree: UnitTree,
): RoleGrant | undefined {
  const fitting = grants.filter(
    (grant) => grant.orgIds.includes(orgId) && tree.covers(grant.unitId, unitId),
  );
  // The deepest unit is the narrowest scope: it names the sender most precisely.
  return fitting.sort((a, b) => tree.ancestry(b.unitId).length - tree.ancestry(a.unitId).length)[0];
}

/**
 * Whether a broadcaster's grants cover an audience: every organisation chosen, to every area
 * chosen, is within one of their grants. An audience naming nothing is never within scope.
 */
export function withinBroadcasterScope(
  grants: readonly RoleGrant[],
  audience: Audience,
  tree: UnitTree,
): boolean {
  if (audience.orgIds.length === 0 || audience.areaIds.length === 0) return false;
  return audience.orgIds.every((org) =>
    audience.areaIds.every(
      (area) => tree.get(area) !== undefined && grantFor(grants, org, area, tree) !== undefined,
    ),
  );
}

/**
 * The units a broadcaster may address for the given organisations: those every organisation
 * chosen reaches through some grant. Listed in the tree's order.
 */
export function areasWithinScope(
  grants: readonly RoleGrant[],
  orgIds: readonly string[],
  tree: UnitTree,
): Unit[] {
  if (orgIds.length === 0) return [];
  return tree
    .all()
    .filter(
      (unit) =>
        unit.active && orgIds.every((org) => grantFor(grants, org, unit.id, tree) !== undefined),
    );
}

/**
 * Whether a member may approve a broadcast to this audience: an approver grant whose unit
 * covers every area, and whose organisations (when it names any) include every one chosen.
 */
export function approverCovers(member: Member, audience: Audience, tree: UnitTree): boolean {
  if (!member.active || member.forgottenAt) return false;
  return member.roles.some(
    (grant) =>
      grant.role === "approver" &&
      (grant.orgIds.length === 0 || audience.orgIds.every((org) => grant.orgIds.includes(org))) &&
      audience.areaIds.length > 0 &&
      audience.areaIds.every((area) => tree.covers(grant.unitId, area)),
  );
}
