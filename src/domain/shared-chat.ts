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
  // Who is reached on each chat, by chat id and then channel: the province's members are then
  // matched against it identity by identity, with no key built for each (a key and a list for
  // each of 100,000 members took 100–160 ms at every step of a broadcast's composition).
  const reached = new Map<string, Map<Channel, Member[]>>();
  const kept: Member[] = [];
  const alsoReached: Member[] = [];
  for (const member of recipients) {
    const identity = reachableIdentity(member);
    const channels = identity && (reached.get(identity.chatId) ?? new Map<Channel, Member[]>());
    const here = identity && channels?.get(identity.channel);
    if (here) {
      here.push(member);
      alsoReached.push(member);
      continue;
    }
    if (identity && channels)
      reached.set(identity.chatId, channels.set(identity.channel, [member]));
    kept.push(member);
  }
  const addressed = new Set<string>();
  for (const m of everyone) {
    if (!m.active || m.forgottenAt) continue;
    for (const i of m.identities) {
      const here = reached.get(i.chatId)?.get(i.channel);
      // Bound to a chat reached and not among those the message is for there: it names its reader.
      if (here && !here.some((r) => r.id === m.id)) addressed.add((here[0] as Member).id);
    }
  }
  return { recipients: kept, alsoReached, addressed };
}
