import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { filesDir } from "../files-dir.js";
import { type PayloadDoc, payloadDocument, storedOutbound } from "../outbox-payload.js";
import type { OutboxItem, OutboxRepository } from "../outbox-repository.js";
import { coveredBy, type PurposeSummary, progressWithSummary } from "../outbox-summary.js";
import {
  cancelledItem,
  claimOrder,
  finishedItem,
  leasedItem,
  nextDueOf,
  nextInLine,
  queuedItem,
  queueOrder,
  recoveredItem,
  releasedItem,
  withPartSent,
} from "../outbox-transitions.js";
import type { Collection } from "./collection.js";
import { hashPartition } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";
import { OutboxFiles } from "./outbox-files.js";
import { endedFiles, OutboxHistory, openEndedPurposes, outboxPartition } from "./outbox-history.js";
import { pruneOutbox } from "./outbox-pruning.js";

/** The lowdb outbox, and what only its store does with it. */
export interface LowOutbox {
  repository: OutboxRepository;
  /** Leaves the sends of purposes that have all ended on disk (see `OutboxHistory`). */
  putAwayHistory(): Promise<number>;
}

/**
 * Logged changes between two rewrites of the changed partitions: a 10,000-member broadcast
 * (20,000 changes) rewrites its partitions once or twice, and a start after a crash replays at
 * most this many lines (a few MB).
 */
const CHECKPOINT_EVERY = 20_000;

/**
 * The outbox on lowdb. Items are spread over a few files per purpose, so sending one rewrites
 * a small file of its own batch and old batches are never rewritten. Message content is kept
 * once per distinct message (content-addressed), not per recipient, and file bytes (charts,
 * spreadsheets, photos) live in `$DATA_DIR/files/<sha256>` (mode 0600), so neither a 2,000-
 * recipient broadcast nor a photo makes every ledger write heavy.
 */
export async function openOutbox(open: CollectionOpener, dataDir: string): Promise<LowOutbox> {
  const endedPurposes = await openEndedPurposes(dataDir);
  const items = await open<OutboxItem>(
    "outbox",
    {
      id: (item) => item.key,
      partition: outboxPartition,
      indexes: {
        purpose: (item) => [item.purpose],
        // Only the live states are indexed: claiming and recovery scan them, never history.
        live: (item) => (isLive(item) ? [item.state] : []),
        liveOfMember: (item) => (isLive(item) ? [item.memberId] : []),
      },
      // The queue in claim order, kept as items change: a claim reads its first few items
      // instead of sorting a whole broadcast each time.
      orders: { queue: { holds: (item) => item.state === "queued", compare: claimOrder } },
      // Every send changes its item twice (claimed; finished with its part sent): appended to a
      // log, one fsync for all the sends of a tick, instead of rewriting a partition each time.
      changeLog: { checkpointEvery: CHECKPOINT_EVERY },
    },
    { leaveOnDisk: endedFiles(endedPurposes) },
  );
  const payloads = await open<PayloadDoc>("outbox-payloads", {
    id: (doc) => doc.id,
    partition: hashPartition(16, (doc) => doc.id),
  });
  // What is left of pruned sends: their counts per purpose, so progress reads the same.
  const summaries = await open<PurposeSummary>("outbox-purposes", {
    id: (summary) => summary.purpose,
    partition: hashPartition(16, (summary) => summary.purpose),
  });
  const history = new OutboxHistory(endedPurposes, items, summaries);
  await history.bringBackReplayed();
  let lastSeq = Math.max(await numberUnsequenced(items), history.lastSeq());
  // The first start after an upgrade reads the whole history once, then leaves it on disk.
  await history.putAway();
  const files = new OutboxFiles(join(dataDir, "files"));
  // Payload ids and file hashes saved and not enqueued yet: a message is saved before its
  // sends are enqueued, so for a moment nothing refers to it and a prune must not take it.
  const saving = new Map<string, number>();
  const hold = (key: string) => saving.set(key, (saving.get(key) ?? 0) + 1);
  const letGo = (key: string) => {
    const count = (saving.get(key) ?? 0) - 1;
    if (count > 0) saving.set(key, count);
    else saving.delete(key);
  };
  const recentlySaved = (): ReadonlySet<string> => new Set(saving.keys());

  const live = () => [...items.find("live", "queued"), ...items.find("live", "sending")];
  const claimed = (key: string, leaseId: string): OutboxItem | undefined => {
    const item = items.get(key);
    return item?.state === "sending" && item.lease?.id === leaseId ? item : undefined;
  };

  const repository: OutboxRepository = {
    savePayload: async (message) => {
      const { doc, bytes } = payloadDocument(message);
      const sha256 = doc.file?.sha256;
      hold(doc.id);
      if (sha256) hold(sha256);
      if (payloads.get(doc.id)) return doc.id;
      if (sha256 && bytes) await files.save(sha256, bytes);
      await payloads.put(doc);
      return doc.id;
    },

    payload: async (payloadId) => {
      const doc = payloads.get(payloadId);
      if (!doc?.file) return doc && storedOutbound(doc, undefined);
      // A data folder restored from a backup has the ledger but not the files.
      const bytes = await files.read(doc.file.sha256).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      return bytes && storedOutbound(doc, bytes);
    },

    enqueue: async (requests, now) => {
      await history.bringBack(requests.map((request) => request.purpose));
      const results: { item: OutboxItem; created: boolean }[] = [];
      const fresh = new Map<string, OutboxItem>();
      for (const request of requests) {
        const existing = items.get(request.key) ?? fresh.get(request.key);
        if (existing) {
          results.push({ item: existing, created: false });
          continue;
        }
        lastSeq += 1;
        const item = queuedItem(request, now, lastSeq);
        fresh.set(item.key, item);
        results.push({ item, created: true });
      }
      await items.putMany([...fresh.values()]);
      for (const payloadId of new Set(requests.map((request) => request.payloadId))) {
        const sha256 = payloads.get(payloadId)?.file?.sha256;
        letGo(payloadId);
        if (sha256) letGo(sha256);
      }
      return results;
    },

    claim: async ({ now, limit, leaseMs }) => {
      if (limit <= 0) return [];
      // No await between choosing and marking: two claims can never hand out the same item.
      const due = firstClaimable(items, now, limit);
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      const leased = due.map((item) => leasedItem(item, { id: randomUUID(), until }, now));
      await items.putFresh(leased);
      return leased;
    },

    recordPart: async (key, leaseId, part, now) => {
      const item = claimed(key, leaseId);
      if (!item) return false;
      await items.putFresh([withPartSent(item, part, now)]);
      return true;
    },

    finish: async (key, leaseId, outcome, now, lastPart) => {
      const item = claimed(key, leaseId);
      if (!item) return false;
      await items.putFresh([finishedItem(item, outcome, now, lastPart)]);
      return true;
    },

    release: async (key, leaseId, retry, now) => {
      const item = claimed(key, leaseId);
      if (!item) return false;
      await items.putFresh([releasedItem(item, retry, now)]);
      return true;
    },

    recover: async (now, scope) => {
      const stale = items
        .find("live", "sending")
        .filter((item) => scope === "all" || (item.lease?.until ?? "") <= now);
      const requeued = stale.map((item) => recoveredItem(item, now));
      await items.putFresh(requeued);
      return requeued;
    },

    // An ended purpose has nothing queued: its sends on disk stay there.
    cancel: async (purpose, now) => {
      const cancelled = items
        .find("purpose", purpose)
        .filter((item) => item.state === "queued")
        .map((item) => cancelledItem(item, now));
      await items.putFresh(cancelled);
      return cancelled.length;
    },

    get: async (key) => items.get(key) ?? (await history.find(key)),

    list: async (purpose) => {
      const summary = summaries.get(purpose);
      const sends = history.ended(purpose)
        ? await history.sendsOf(purpose)
        : items.find("purpose", purpose);
      return sends.filter((item) => !coveredBy(summary, item));
    },

    progress: async (purpose) => {
      const ended = history.ended(purpose);
      if (ended) return { ...ended.progress };
      return progressWithSummary(purpose, summaries.get(purpose), items.find("purpose", purpose));
    },

    nextDue: async () => nextDueOf(live()),

    prune: async (finishedBefore) =>
      history.prune(finishedBefore, () =>
        pruneOutbox(
          {
            items,
            summaries,
            payloads,
            filesDir: filesDir(dataDir),
            recentlySaved,
            keptByHistory: () => history.payloadIds(),
          },
          finishedBefore,
        ),
      ),
  };
  return { repository, putAwayHistory: () => history.putAway() };
}

function isLive(item: OutboxItem): boolean {
  return item.state === "queued" || item.state === "sending";
}

/**
 * Up to `limit` items due at `now`, in claim order, at most one per member: for each member
 * the first due item of those next in line (see `nextInLine`). Read from the queue kept in
 * claim order, an item is taken when it is its member's next one, and the walk stops at
 * `limit`: a broadcast's next sends are at the front, so a claim looks at a few items, not
 * all of them.
 */
function firstClaimable(items: Collection<OutboxItem>, now: string, limit: number): OutboxItem[] {
  const taken: OutboxItem[] = [];
  const nextOf = new Map<string, OutboxItem | undefined>();
  for (const item of items.inOrder("queue")) {
    if (taken.length >= limit) break;
    if (item.notBefore > now) continue;
    let next = nextOf.get(item.memberId);
    if (!nextOf.has(item.memberId)) {
      const memberLive = items.find("liveOfMember", item.memberId);
      next = nextInLine(memberLive).find((candidate) => candidate.notBefore <= now);
      nextOf.set(item.memberId, next);
    }
    if (next === item) taken.push(item);
  }
  return taken;
}

/**
 * Gives the items stored before the enqueue sequence existed one, in the order they were
 * queued, after any already numbered; returns the last number handed out. The counter lives
 * in memory from the stored items: pruning takes only ended items, so every live item keeps a
 * lower number than anything queued later.
 */
async function numberUnsequenced(items: Collection<OutboxItem>): Promise<number> {
  const all = items.all();
  let last = 0;
  for (const item of all) last = Math.max(last, item.seq ?? 0);
  const unnumbered = all.filter((item) => item.seq === undefined).sort(queueOrder);
  await items.putMany(unnumbered.map((item) => ({ ...item, seq: ++last })));
  return last;
}
