import type { Channel, ChannelIdentity, Member } from "../domain/member.js";

/** Where a member can be reached now, or why nowhere. */
export type RecipientChoice =
  | { kind: "chat"; identity: ChannelIdentity }
  | { kind: "none"; reason: "member-not-found" | "no-reachable-identity" | "no-channel-running" };

/**
 * The chat to send a member's proactive message to: of the identities not marked unreachable,
 * on a channel that is running, the one the member used last. A member bound on two channels
 * thus gets one message, where they are most likely to read it.
 */
export function chooseRecipient(
  member: Member | undefined,
  running: ReadonlySet<Channel>,
): RecipientChoice {
  if (!member) return { kind: "none", reason: "member-not-found" };
  const reachable = member.identities.filter((identity) => !identity.unreachable);
  if (reachable.length === 0) return { kind: "none", reason: "no-reachable-identity" };
  const candidates = reachable
    .filter((identity) => running.has(identity.channel))
    .sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0));
  const [latest] = candidates;
  return latest
    ? { kind: "chat", identity: latest }
    : { kind: "none", reason: "no-channel-running" };
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

/**
 * The member with a day of permanent failure recorded on one chat; once failures fall on
 * `threshold` separate days the chat is marked unreachable (Zalo's rule: its errors do not say
 * "blocked", so only repetition on different days does).
 */
export function recordFailureDay(
  member: Member,
  channel: Channel,
  chatId: string,
  day: string,
  threshold: number,
  reason: string,
  at: string,
): { member: Member; unreachable: boolean } {
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
