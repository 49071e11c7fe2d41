import type { Channel, ChannelIdentity, Member } from "./member.js";

/**
 * The one rule of reachability: a chat can be written to unless the platform said it cannot
 * (blocked, chat gone) or deliveries failed there on enough separate days.
 */
export function isReachable(identity: ChannelIdentity): boolean {
  return identity.unreachable === undefined;
}

/**
 * The chat a member's broadcast goes to: of the chats not marked unreachable, the one used
 * last. A member bound on two channels is counted, and reached, once.
 */
export function reachableIdentity(member: Member): ChannelIdentity | undefined {
  let latest: ChannelIdentity | undefined;
  for (const identity of member.identities) {
    if (!isReachable(identity)) continue;
    if (!latest || identity.lastSeenAt > latest.lastSeenAt) latest = identity;
  }
  return latest;
}

/**
 * Whether a scheduled work message (a reminder, a notice to a head) can reach a member: active,
 * not erased, with a chat not marked unreachable. Opting out of broadcasts (`/stop`) does not
 * matter here: reminders are work.
 */
export function reachable(member: Member): boolean {
  return member.active && !member.forgottenAt && member.identities.some(isReachable);
}

/** A mark a chat carries: it is unreachable, or failures are being counted towards that. */
export function carriesMark(identity: ChannelIdentity): boolean {
  return identity.unreachable !== undefined || (identity.failureDays?.length ?? 0) > 0;
}

/** The member with one chat marked unreachable (the platform said blocked, or chat gone). */
export function markUnreachable(
  member: Member,
  channel: Channel,
  chatId: string,
  reason: string,
  at: string,
): Member {
  return {
    ...member,
    identities: member.identities.map((identity) =>
      identity.channel === channel && identity.chatId === chatId && !identity.unreachable
        ? { ...identity, unreachable: { since: at, reason } }
        : identity,
    ),
  };
}

/** A day of permanent failure on one chat, as delivery reports it. */
export interface FailureDay {
  channel: Channel;
  chatId: string;
  /** The local day (yyyy-mm-dd) it failed on. */
  day: string;
  /** Separate failure days after which the chat counts as unreachable. */
  threshold: number;
  reason: string;
  at: string;
}

/**
 * The member with a day of permanent failure recorded on one chat; once failures fall on
 * `threshold` separate days the chat is marked unreachable (Zalo's rule: its errors do not say
 * "blocked", so only repetition on different days does).
 */
export function recordFailureDay(
  member: Member,
  failure: FailureDay,
): { member: Member; unreachable: boolean } {
  const { channel, chatId, day, threshold, reason, at } = failure;
  let unreachable = false;
  const identities = member.identities.map((identity) => {
    if (identity.channel !== channel || identity.chatId !== chatId) return identity;
    const days = [...new Set([...(identity.failureDays ?? []), day])].sort().slice(-threshold);
    const updated: ChannelIdentity = { ...identity, failureDays: days };
    if (days.length >= threshold && !identity.unreachable) {
      unreachable = true;
      updated.unreachable = { since: at, reason };
    }
    return updated;
  });
  return { member: { ...member, identities }, unreachable };
}

/** A member after their chats on one platform were made reachable again. */
export interface LiftedMarks {
  member: Member;
  /** The unreachable marks lifted (none when only failure days were counted). */
  cleared: NonNullable<ChannelIdentity["unreachable"]>[];
  /** False when there was nothing to lift. */
  changed: boolean;
}

/**
 * The member with every chat on one platform made reachable again (marks and counted failure
 * days cleared), and the marks that were lifted.
 */
export function markReachable(member: Member, channel: Channel): LiftedMarks {
  const cleared: NonNullable<ChannelIdentity["unreachable"]>[] = [];
  const marked = (identity: ChannelIdentity) =>
    identity.channel === channel && carriesMark(identity);
  if (!member.identities.some(marked)) return { member, cleared, changed: false };
  const identities = member.identities.map((identity) => {
    if (!marked(identity)) return identity;
    if (identity.unreachable) cleared.push(identity.unreachable);
    const { unreachable: _mark, failureDays: _days, ...rest } = identity;
    return rest;
  });
  return { member: { ...member, identities }, cleared, changed: true };
}

/**
 * The member having written from this chat at `at`: it is the chat used last, and any mark on
 * it is lifted (they just reached us from there).
 */
export function touchIdentity(
  member: Member,
  channel: Channel,
  chatId: string,
  at: string,
): Member {
  return {
    ...member,
    identities: member.identities.map((identity) => {
      if (identity.channel !== channel || identity.chatId !== chatId) return identity;
      const { unreachable: _mark, failureDays: _days, ...rest } = identity;
      return { ...rest, lastSeenAt: at };
    }),
  };
}
