import type { Channel, ChannelIdentity } from "../domain/member.js";
import type { Store } from "../store/store.js";
import type { MemberChange } from "./admin/member-admin.js";

/** A member's chats on one platform made reachable again, and the marks they carried. */
export type ReachableChange =
  | (Extract<MemberChange, { ok: true }> & {
      /** The marks cleared (empty when there was none). */
      cleared: NonNullable<ChannelIdentity["unreachable"]>[];
    })
  | Extract<MemberChange, { ok: false }>;

/**
 * Clears the "unreachable" mark and the counted failure days of a member's chats on one
 * platform, so that broadcasts and reminders go there again. Zalo's errors never say
 * "blocked": a chat is marked after failures on separate days, which a passing outage can
 * also cause, so an admin who knows the person can be reached again lifts the mark here.
 */
export async function clearUnreachable(
  store: Store,
  memberId: string,
  channel: Channel,
): Promise<ReachableChange> {
  const member = await store.members.get(memberId);
  if (!member) return { ok: false, reason: "unknown-member" };
  if (!member.identities.some((identity) => identity.channel === channel)) {
    return { ok: false, reason: "not-bound" };
  }
  const lifted = await store.members.markReachable(memberId, channel);
  if (!lifted) return { ok: false, reason: "unknown-member" };
  return { ok: true, member: lifted.member, changed: lifted.changed, cleared: lifted.cleared };
}

/**
 * Marks a member's chat unreachable when the person blocks the bot, and reachable again when
 * they restart it, so that broadcasts and reminders skip a chat that would refuse them. A chat
 * no member holds is left alone; a shared chat's marks change for all its people.
 */
export async function recordChatBlocking(
  store: Store,
  chat: { channel: Channel; chatId: string },
  blocked: boolean,
  at: Date,
): Promise<void> {
  // A blocked shared phone refuses messages to everyone on it.
  for (const member of await store.members.membersOfChat(chat.channel, chat.chatId)) {
    if (blocked) {
      await store.members.markUnreachable(
        member.id,
        chat.channel,
        chat.chatId,
        "blocked by the user",
        at.toISOString(),
      );
    } else {
      await store.members.markReachable(member.id, chat.channel);
    }
  }
}
