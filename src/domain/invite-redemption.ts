import type { Invite, RedeemResult } from "./invite.js";
import type { Channel, ChannelIdentity, Member } from "./member.js";
import type { RoleGrant } from "./role.js";

/** The chat that typed or clicked an invite code. */
export interface RedeemingChat {
  channel: Channel;
  chatId: string;
  /** The name the platform shows for the person, used when the invite carries none. */
  displayName?: string;
}

/** Why an invite code cannot be redeemed now, or undefined when it can. */
export function inviteRefusal(
  invite: Invite | undefined,
  now: Date,
): Exclude<RedeemResult, { ok: true }>["reason"] | undefined {
  if (!invite) return "unknown";
  if (invite.revokedAt) return "revoked";
  if (invite.usedAt) return "used";
  if (Date.parse(invite.expiresAt) <= now.getTime()) return "expired";
  return undefined;
}

/**
 * The member after redeeming an invite from a chat. With `invite.memberId` the chat becomes a
 * further identity of that member; otherwise the chat's current member (if any) gains the
 * invite's roles, or a new member is made. Returns the members to save: the redeeming member,
 * and the chat's previous member if the chat moves away from it.
 */
export function redeemInvite(
  invite: Invite,
  chat: RedeemingChat,
  target: Member | undefined,
  currentOwner: Member | undefined,
  newMemberId: string,
  now: Date,
): { member: Member; released?: Member; created: boolean } {
  const at = now.toISOString();
  const identity: ChannelIdentity = {
    channel: chat.channel,
    chatId: chat.chatId,
    boundAt: at,
    lastSeenAt: at,
  };
  const grants: RoleGrant[] = invite.roles.map((role) => ({
    role,
    unitId: invite.unitId,
    orgIds: [...invite.orgIds],
  }));

  const base = target ?? (invite.memberId ? undefined : currentOwner);
  const created = !base;
  const member: Member = base
    ? { ...base, roles: mergeGrants(base.roles, invite.memberId ? [] : grants) }
    : {
        id: newMemberId,
        name: invite.name ?? chat.displayName ?? "",
        unitId: invite.unitId,
        orgIds: [...invite.orgIds],
        roles: grants,
        locale: invite.locale,
        active: true,
        optedOut: false,
        identities: [],
        source: "invite",
        createdAt: at,
      };
  member.identities = [
    ...member.identities.filter((i) => !(i.channel === chat.channel && i.chatId === chat.chatId)),
    identity,
  ];
  member.active = true;

  const released =
    currentOwner && currentOwner.id !== member.id
      ? {
          ...currentOwner,
          identities: currentOwner.identities.filter(
            (i) => !(i.channel === chat.channel && i.chatId === chat.chatId),
          ),
        }
      : undefined;
  return released ? { member, released, created } : { member, created };
}

/** Adds grants that are not already held (same role, unit and organisations). */
export function mergeGrants(held: readonly RoleGrant[], added: readonly RoleGrant[]): RoleGrant[] {
  const key = (g: RoleGrant) => `${g.role}|${g.unitId}|${[...g.orgIds].sort().join(",")}`;
  const seen = new Set(held.map(key));
  const merged = [...held];
  for (const grant of added) {
    if (!seen.has(key(grant))) {
      merged.push(grant);
      seen.add(key(grant));
    }
  }
  return merged;
}
