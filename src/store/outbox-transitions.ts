import type {
  NewOutboxItem,
  OutboxItem,
  OutboxOutcome,
  OutboxRetry,
  SentPart,
} from "./outbox-repository.js";

/**
 * How an outbox item changes at each step of its life, the same for every adapter: an adapter
 * decides which items a step applies to (and holds them meanwhile), these say what they become.
 */

/** A fresh item, queued. */
export function queuedItem(request: NewOutboxItem, now: string, seq: number): OutboxItem {
  return {
    key: request.key,
    seq,
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
export function withPartSent(item: OutboxItem, part: SentPart, now: string): OutboxItem {
  return {
    ...item,
    channel: part.channel,
    chatId: part.chatId,
    messageIds: [...item.messageIds, part.messageId],
    updatedAt: now,
  };
}

/** Ended: sent, failed or blocked; with the part whose sending ended it, if one did. */
export function finishedItem(
  item: OutboxItem,
  outcome: OutboxOutcome,
  now: string,
  lastPart?: SentPart,
): OutboxItem {
  const {
    lease: _lease,
    reason: _reason,
    ...rest
  } = lastPart ? withPartSent(item, lastPart, now) : item;
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
 * Claim order: urgent first, then in the order queued. Urgency only puts one member ahead of
 * another: a member's own messages are claimed one at a time, in the order queued (see
 * `nextInLine`).
 */
export function claimOrder(a: OutboxItem, b: OutboxItem): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  return queueOrder(a, b);
}

/**
 * The order items were queued in: by `createdAt`, then by the enqueue sequence (items queued
 * in the same millisecond, the parts of one summary say), then by key, so that it is total
 * even for items stored before they had a sequence.
 */
export function queueOrder(a: OutboxItem, b: OutboxItem): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  const bySeq = (a.seq ?? 0) - (b.seq ?? 0);
  if (bySeq !== 0) return bySeq;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Of one member's live items, those that may go next, in queue order. While one of them is
 * being sent, none: at most one message per member is in flight, so a later one can never
 * overtake an earlier one that fails and waits for its retry. Otherwise the queued ones up to
 * and including the first that was already tried: that one waits for its retry and everything
 * queued after it waits for it. A message scheduled for later and never tried holds back
 * nothing.
 */
export function nextInLine(memberLive: readonly OutboxItem[]): OutboxItem[] {
  if (memberLive.some((item) => item.state === "sending")) return [];
  const queued = memberLive.filter((item) => item.state === "queued").sort(queueOrder);
  const tried = queued.findIndex((item) => item.firstClaimedAt !== undefined);
  return tried === -1 ? queued : queued.slice(0, tried + 1);
}

/** Live items (queued or sending) by member, each member's in queue order. */
function byMember(live: readonly OutboxItem[]): OutboxItem[][] {
  const members = new Map<string, OutboxItem[]>();
  for (const item of live) {
    const items = members.get(item.memberId);
    if (items) items.push(item);
    else members.set(item.memberId, [item]);
  }
  return [...members.values()];
}

/**
 * The earliest instant something may become claimable without anything else happening: the
 * earliest `notBefore` of the items next in line. Items held back behind a message in flight
 * do not count (the end of that send wakes the worker), so a worker never polls in a tight
 * loop for messages it may not take yet.
 */
export function nextDueOf(live: readonly OutboxItem[]): string | undefined {
  let earliest: string | undefined;
  for (const memberLive of byMember(live)) {
    for (const item of nextInLine(memberLive)) {
      if (earliest === undefined || item.notBefore < earliest) earliest = item.notBefore;
    }
  }
  return earliest;
}
