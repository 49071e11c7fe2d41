import type { Invite } from "./invite.js";
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
): "unknown" | "used" | "expired" | "revoked" | undefined {
  if (!invite) return "unknown";
  if (invite.revokedAt) return "revoked";
  if (invite.usedAt) return "used";
  if (Date.parse(invite.expiresAt) <= now.getTime()) return "expired";
  return undefined;
}

/** The people already bound to the redeeming chat, as a redemption needs them. */
export type ChatMembers = readonly Member[];

/**
 * Who an invite is for, seen from the chat that typed it: a person already on the chat (who
 * gains the invite's roles, or is bound again), or someone else — an existing member named by
 * the invite, or a newcomer. A chat may be a household's shared phone, so someone else is added
 * to the chat beside the people on it, never merged into them; when the chat already has people
 * the redeemer is asked first (`askFirst`).
 */
export function inviteHolder(
  invite: Invite,
  onChat: ChatMembers,
): { onChat: Member } | { someoneElse: true; askFirst: boolean } {
  const askFirst = onChat.length > 0;
  if (invite.memberId) {
    const bound = onChat.find((m) => m.id === invite.memberId);
    return bound ? { onChat: bound } : { someoneElse: true, askFirst };
  }
  if (invite.name) {
    const same = onChat.find((m) => sameName(m.name, invite.name ?? ""));
    return same ? { onChat: same } : { someoneElse: true, askFirst };
  }
  // An invite without a name says nothing of who holds it: the chat's first person takes it,
  // as one person adding a role to their own phone would expect.
  const first = onChat[0];
  return first ? { onChat: first } : { someoneElse: true, askFirst: false };
}

/** Names compared as people write them: case, spacing and Unicode form aside. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
  return norm(a) === norm(b);
}

/**
 * The member after redeeming an invite from a chat. With `invite.memberId` the chat becomes a
 * further identity of that member; a person already on the chat gains the invite's roles;
 * otherwise a new member is made. Nobody already on the chat loses it: a shared phone keeps
 * all its people.
 */
export function redeemInvite(
  invite: Invite,
  chat: RedeemingChat,
  target: Member | undefined,
  onChat: ChatMembers,
  newMemberId: string,
  now: Date,
): { member: Member; created: boolean } {
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

  const holder = inviteHolder(invite, onChat);
  const base = "onChat" in holder ? holder.onChat : target;
  const created = !base;
  const member: Member = base
    ? {
        ...base,
        roles: mergeGrants(base.roles, invite.memberId ? [] : grants),
        ...(base.salutation || !invite.salutation ? {} : { salutation: invite.salutation }),
      }
    : {
        id: newMemberId,
        name: invite.name ?? chat.displayName ?? "",
        ...(invite.salutation ? { salutation: invite.salutation } : {}),
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
  return { member, created };
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
