import type { Channel, ChannelIdentity, Member } from "../domain/member.js";
import { isReachable } from "../domain/reachability.js";

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
  const reachable = member.identities.filter(isReachable);
  if (reachable.length === 0) return { kind: "none", reason: "no-reachable-identity" };
  const candidates = reachable
    .filter((identity) => running.has(identity.channel))
    .sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0));
  const [latest] = candidates;
  return latest
    ? { kind: "chat", identity: latest }
    : { kind: "none", reason: "no-channel-running" };
}
