import type { Channel } from "../domain/member.js";
import type { NewOutboxItem, OutboxItem, OutboxOutcome, OutboxRetry } from "./outbox-repository.js";

/**
 * How an outbox item changes at each step of its life, the same for every adapter: an adapter
 * decides which items a step applies to (and holds them meanwhile), these say what they become.
 */

/** A fresh item, queued. */
export function queuedItem(request: NewOutboxItem, now: string): OutboxItem {
  return {
    key: request.key,
    purpose: request.purpose,
    memberId: request.memberId,
    payloadId: request.payloadId,
    ...(request.deletion ? { deletion: request.deletion } : {}),
    urgent: request.urgent ?? false,
    state: "queued",
    notBefore: request.notBefore,
    attempts: 0,
    messageIds: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** Claimed by a worker under a lease. */
export function leasedItem(
  item: OutboxItem,
  lease: { id: string; until: string },
  now: string,
): OutboxItem {
  return {
    ...item,
    state: "sending",
    lease,
    updatedAt: now,
    firstClaimedAt: item.firstClaimedAt ?? now,
  };
}

/** One more part went out on the chosen chat. */
export function withPartSent(
  item: OutboxItem,
  part: { channel: Channel; chatId: string; messageId: string },
  now: string,
): OutboxItem {
  return {
    ...item,
    channel: part.channel,
    chatId: part.chatId,
    messageIds: [...item.messageIds, part.messageId],
    updatedAt: now,
  };
}

/** Ended: sent, failed or blocked. */
export function finishedItem(item: OutboxItem, outcome: OutboxOutcome, now: string): OutboxItem {
  const { lease: _lease, reason: _reason, ...rest } = item;
  return {
    ...rest,
    state: outcome.state,
    ...(outcome.state === "sent"
      ? outcome.textOnly
        ? { textOnly: true }
        : {}
      : { reason: outcome.reason }),
    updatedAt: now,
    finishedAt: now,
  };
}

/** Back in the queue after an attempt that did not finish it. */
export function releasedItem(item: OutboxItem, retry: OutboxRetry, now: string): OutboxItem {
  const { lease: _lease, reason: _reason, channel, chatId, ...rest } = item;
  return {
    ...rest,
    ...(retry.clearChannel || !channel ? {} : { channel, chatId }),
    state: "queued",
    notBefore: retry.notBefore,
    attempts: retry.attempts,
    ...(retry.reason ? { reason: retry.reason } : {}),
    updatedAt: now,
  };
}

/** Found `sending` by no live worker (a crash, an expired lease): queued again now. */
export function recoveredItem(item: OutboxItem, now: string): OutboxItem {
  const { lease: _lease, ...rest } = item;
  return {
    ...rest,
    state: "queued",
    notBefore: now,
    recoveries: (item.recoveries ?? 0) + 1,
    updatedAt: now,
  };
}

/** A queued send of a stopped batch. */
export function cancelledItem(item: OutboxItem, now: string): OutboxItem {
  return { ...item, state: "failed", reason: "cancelled", updatedAt: now, finishedAt: now };
}

/**
 * Claim order: urgent first, then in the order queued. One member's messages then go out in
 * the order they were queued, also when one of them had to wait for a retry.
 */
export function claimOrder(a: OutboxItem, b: OutboxItem): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  return queuedBefore(a, b) ? -1 : queuedBefore(b, a) ? 1 : 0;
}

/** Queued earlier; items queued together keep the order they were given in (a stable sort). */
function queuedBefore(a: OutboxItem, b: OutboxItem): boolean {
  return a.createdAt < b.createdAt;
}

/**
 * Whether a live item holds back its member's later messages: it is being sent, or it was
 * tried and waits for its retry. A message scheduled for later holds back nothing.
 */
export function holdsBack(item: OutboxItem, now: string): boolean {
  return (
    item.state === "sending" ||
    (item.state === "queued" && item.firstClaimedAt !== undefined && item.notBefore > now)
  );
}

/**
 * The queued items that may be claimed at `now`, in claim order: due, and not queued after a
 * message of the same member that is held back (being sent or waiting for its retry).
 */
export function claimable(live: readonly OutboxItem[], now: string): OutboxItem[] {
  const firstHeld = new Map<string, OutboxItem>();
  for (const item of live) {
    if (!holdsBack(item, now)) continue;
    const held = firstHeld.get(item.memberId);
    if (!held || queuedBefore(item, held)) firstHeld.set(item.memberId, item);
  }
  return live
    .filter((item) => item.state === "queued" && item.notBefore <= now)
    .filter((item) => {
      const held = firstHeld.get(item.memberId);
      return !held || !queuedBefore(held, item);
    })
    .sort(claimOrder);
}
