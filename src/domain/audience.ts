import type { Channel, Member } from "./member.js";
import type { Organisation } from "./organisation.js";
import { reachableIdentity } from "./reachability.js";
import type { Role, RoleGrant } from "./role.js";
import { existsOn, type Unit, unitOn } from "./unit.js";
import { successorOf } from "./unit-successor.js";
import type { UnitTree } from "./unit-tree.js";

/**
 * Whom an audience draws from inside its areas: `everyone` who has joined, whatever their
 * organisations (hamlet heads, officials, people invited without one), or only the
 * `org-members` of the organisations that speak.
 */
export const AUDIENCE_POOLS = ["everyone", "org-members"] as const;
export type AudiencePool = (typeof AUDIENCE_POOLS)[number];

/**
 * Who a broadcast is for: people living in any of `areaIds` (a commune, some hamlets, or a
 * whole scope), drawn from `among`, holding any of `roles` (empty: whatever their role).
 * `orgIds` are the organisations speaking; with `among: "org-members"` only their members hear.
 */
export interface Audience {
  orgIds: string[];
  areaIds: string[];
  roles: Role[];
  /** Absent in broadcasts stored before whole-area audiences: they meant `org-members`. */
  among?: AudiencePool;
}

/** The pool an audience draws from, reading a broadcast stored without one as it meant then. */
export function poolOf(audience: Pick<Audience, "among">): AudiencePool {
  return audience.among ?? "org-members";
}

/**
 * Whether these organisations may speak to everyone in an area: the Fatherland Front does
 * (it unites every resident); a mass organisation speaks to its own members.
 */
export function addressesEveryone(
  orgs: readonly Pick<Organisation, "addressesEveryone">[],
): boolean {
  return orgs.some((org) => org.addressesEveryone === true);
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

/** Whether a member falls inside an audience (active, in its pool, area and role). */
export function inAudience(member: Member, audience: Audience, tree: UnitTree): boolean {
  if (!member.active || member.forgottenAt) return false;
  const anyone = poolOf(audience) === "everyone";
  if (!anyone && !member.orgIds.some((org) => audience.orgIds.includes(org))) return false;
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
 * The units a broadcaster may address for the given organisations on an ISO date (today):
 * those in force then that every organisation chosen reaches through some grant, under the
 * names and kinds they carry then. An ended unit (xã Hưng Đạo) is not offered: its hamlets
 * are reached through the ward that took them over. Listed in the tree's order.
 */
export function areasWithinScope(
  grants: readonly RoleGrant[],
  orgIds: readonly string[],
  tree: UnitTree,
  today: string,
): Unit[] {
  if (orgIds.length === 0) return [];
  return tree
    .all()
    .filter(
      (unit) =>
        unit.active &&
        existsOn(unit, today) &&
        orgIds.every((org) => grantFor(grants, org, unit.id, tree) !== undefined),
    )
    .map((unit) => unitOn(unit, today));
}

/** An area of an audience that no longer exists, with the unit that took over from it. */
export interface EndedArea {
  area: Unit;
  successor: Unit;
}

/**
 * The first area of an audience that has ended by an ISO date (today), with its successor:
 * nothing new is addressed to xã Hưng Đạo after 2025-06-30; the author is pointed to phường
 * Thục Phán instead. Undefined when every area is in force.
 */
export function endedArea(
  audience: Pick<Audience, "areaIds">,
  tree: UnitTree,
  today: string,
): EndedArea | undefined {
  for (const id of audience.areaIds) {
    const area = tree.get(id);
    const successor = area ? successorOf(area, today, (unitId) => tree.get(unitId)) : undefined;
    if (area && successor) return { area, successor: unitOn(successor, today) };
  }
  return undefined;
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
