import type { Channel, ChannelIdentity, Member } from "./member.js";
import { reachableIdentity } from "./reachability.js";

/**
 * A household's shared phone: one chat bound to several members. Each member keeps their own
 * data, roles and organisations; the chat is only where messages to them arrive.
 */

/** The identity a member holds on this chat, if any. */
export function identityOn(
  member: Pick<Member, "identities">,
  channel: Channel,
  chatId: string,
): ChannelIdentity | undefined {
  return member.identities.find((i) => i.channel === channel && i.chatId === chatId);
}

/** The members of one chat in the order they joined it (then by id, so ties read the same). */
export function inJoiningOrder(members: readonly Member[], channel: Channel, chatId: string) {
  const boundAt = (m: Member) => identityOn(m, channel, chatId)?.boundAt ?? "";
  return [...members].sort((a, b) =>
    boundAt(a) < boundAt(b) ? -1 : boundAt(a) > boundAt(b) ? 1 : a.id < b.id ? -1 : 1,
  );
}

/**
 * Whether a proactive message to the member would reach a phone other people use too (active
 * members bound to the chat the member used last): then it says whom it is for.
 */
export function sharesChatWithOthers(member: Member, everyone: readonly Member[]): boolean {
  const identity = reachableIdentity(member);
  if (!identity) return false;
  return everyone.some(
    (m) =>
      m.id !== member.id &&
      m.active &&
      !m.forgottenAt &&
      identityOn(m, identity.channel, identity.chatId) !== undefined,
  );
}

/**
 * One message per chat for an audience's recipients: of several whose message would reach the
 * same chat (the one each used last), the first stays and the others are reached through it
 * (`alsoReached`), so a husband and wife in one audience read a broadcast once on their shared
 * phone. `addressed` are the recipients whose chat is shared with someone the message is not
 * for: their message says whom it is for.
 */
export function onePerChat(
  recipients: readonly Member[],
  everyone: readonly Member[],
): { recipients: Member[]; alsoReached: Member[]; addressed: Set<string> } {
  const chatOf = (m: Member) => {
    const identity = reachableIdentity(m);
    return identity ? `${identity.channel}:${identity.chatId}` : undefined;
  };
  const reached = new Map<string, Member[]>();
  const kept: Member[] = [];
  const alsoReached: Member[] = [];
  for (const member of recipients) {
    const chat = chatOf(member);
    const others = chat ? reached.get(chat) : undefined;
    if (chat && others) {
      others.push(member);
      alsoReached.push(member);
      continue;
    }
    if (chat) reached.set(chat, [member]);
    kept.push(member);
  }
  // Who is bound to each chat, read once: asking everyone for each recipient was quadratic.
  const boundTo = new Map<string, string[]>();
  for (const m of everyone) {
    if (!m.active || m.forgottenAt) continue;
    for (const i of m.identities) {
      const chat = `${i.channel}:${i.chatId}`;
      const bound = boundTo.get(chat);
      if (bound) bound.push(m.id);
      else boundTo.set(chat, [m.id]);
    }
  }
  const addressed = new Set<string>();
  for (const member of kept) {
    const chat = chatOf(member);
    if (!chat) continue;
    const reachedHere = new Set((reached.get(chat) ?? []).map((m) => m.id));
    const sharesWithOthers = (boundTo.get(chat) ?? []).some((id) => !reachedHere.has(id));
    if (sharesWithOthers) addressed.add(member.id);
  }
  return { recipients: kept, alsoReached, addressed };
}
