import { createHash, randomUUID } from "node:crypto";
import { join } from "node:path";
import { filesDir } from "../files-dir.js";
import type { OutboxItem, OutboxRepository, StoredOutbound } from "../outbox-repository.js";
import { fnv1a, hashPartition } from "./collection.js";
import type { CollectionOpener } from "./collection-opener.js";
import { OutboxFiles } from "./outbox-files.js";
import {
  coveredBy,
  type PurposeSummary,
  progressWithSummary,
  pruneOutbox,
} from "./outbox-pruning.js";

/** A stored message without its bytes: a file is kept under `$DATA_DIR/files/` by its hash. */
interface PayloadDoc extends Omit<StoredOutbound, "file"> {
  id: string;
  file?: { kind: "photo" | "document"; fileName: string; mimeType: string; sha256: string };
}

/** Files per purpose: a broadcast to 2,000 members rewrites files of ~125 small items each. */
const PARTITIONS_PER_PURPOSE = 16;

/**
 * The outbox on lowdb. Items are spread over a few files per purpose, so sending one rewrites
 * a small file of its own batch and old batches are never rewritten. Message content is kept
 * once per distinct message (content-addressed), not per recipient, and file bytes (charts,
 * spreadsheets, photos) live in `$DATA_DIR/files/<sha256>` (mode 0600), so neither a 2,000-
 * recipient broadcast nor a photo makes every ledger write heavy.
 */
export async function openOutbox(
  open: CollectionOpener,
  dataDir: string,
): Promise<OutboxRepository> {
  const items = await open<OutboxItem>("outbox", {
    id: (item) => item.key,
    partition: (item) => `${purposeSlug(item.purpose)}.${fnv1a(item.key) % PARTITIONS_PER_PURPOSE}`,
    indexes: {
      purpose: (item) => [item.purpose],
      // Only the live states are indexed: claiming and recovery scan them, never history.
      live: (item) => (item.state === "queued" || item.state === "sending" ? [item.state] : []),
    },
  });
  const payloads = await open<PayloadDoc>("outbox-payloads", {
    id: (doc) => doc.id,
    partition: hashPartition(16, (doc) => doc.id),
  });
  // What is left of pruned sends: their counts per purpose, so progress reads the same.
  const summaries = await open<PurposeSummary>("outbox-purposes", {
    id: (summary) => summary.purpose,
    partition: hashPartition(16, (summary) => summary.purpose),
  });
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

  const claimed = (key: string, leaseId: string): OutboxItem | undefined => {
    const item = items.get(key);
    return item?.state === "sending" && item.lease?.id === leaseId ? item : undefined;
  };

  return {
    savePayload: async (message) => {
      const { file, ...content } = message;
      let stored: PayloadDoc["file"];
      let bytes: Buffer | undefined;
      if (file) {
        bytes = Buffer.from(file.base64, "base64");
        const sha256 = createHash("sha256").update(bytes).digest("hex");
        stored = { kind: file.kind, fileName: file.fileName, mimeType: file.mimeType, sha256 };
      }
      const body = { ...content, ...(stored ? { file: stored } : {}) };
      const id = createHash("sha256").update(canonicalJson(body)).digest("hex").slice(0, 32);
      hold(id);
      if (stored) hold(stored.sha256);
      if (payloads.get(id)) return id;
      if (stored && bytes) await files.save(stored.sha256, bytes);
      await payloads.put({ id, ...body });
      return id;
    },

    payload: async (payloadId) => {
      const doc = payloads.get(payloadId);
      if (!doc) return undefined;
      const { id: _id, file, ...content } = doc;
      if (!file) return structuredClone(content);
      // A data folder restored from a backup has the ledger but not the files.
      const bytes = await files.read(file.sha256).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (!bytes) return undefined;
      return {
        ...structuredClone(content),
        file: {
          kind: file.kind,
          fileName: file.fileName,
          mimeType: file.mimeType,
          base64: bytes.toString("base64"),
        },
      };
    },

    enqueue: async (requests, now) => {
      const results: { item: OutboxItem; created: boolean }[] = [];
      const fresh = new Map<string, OutboxItem>();
      for (const request of requests) {
        const existing = items.get(request.key) ?? fresh.get(request.key);
        if (existing) {
          results.push({ item: existing, created: false });
          continue;
        }
        const item: OutboxItem = {
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
        fresh.set(item.key, item);
        results.push({ item, created: true });
      }
      await items.put(...fresh.values());
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
      const due = items
        .find("live", "queued")
        .filter((item) => item.notBefore <= now)
        .sort(claimOrder)
        .slice(0, limit);
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      const leased = due.map(
        (item): OutboxItem => ({
          ...item,
          state: "sending",
          lease: { id: randomUUID(), until },
          updatedAt: now,
          firstClaimedAt: item.firstClaimedAt ?? now,
        }),
      );
      await items.put(...leased);
      return leased;
    },

    recordPart: async (key, leaseId, part, now) => {
      const item = claimed(key, leaseId);
      if (!item) return false;
      await items.put({
        ...item,
        channel: part.channel,
        chatId: part.chatId,
        messageIds: [...item.messageIds, part.messageId],
        updatedAt: now,
      });
      return true;
    },

    finish: async (key, leaseId, outcome, now) => {
      const item = claimed(key, leaseId);
      if (!item) return false;
      const { lease: _lease, reason: _reason, ...rest } = item;
      await items.put({
        ...rest,
        state: outcome.state,
        ...(outcome.state === "sent"
          ? outcome.textOnly
            ? { textOnly: true }
            : {}
          : { reason: outcome.reason }),
        updatedAt: now,
        finishedAt: now,
      });
      return true;
    },

    release: async (key, leaseId, retry, now) => {
      const item = claimed(key, leaseId);
      if (!item) return false;
      const { lease: _lease, reason: _reason, channel, chatId, ...rest } = item;
      await items.put({
        ...rest,
        ...(retry.clearChannel || !channel ? {} : { channel, chatId }),
        state: "queued",
        notBefore: retry.notBefore,
        attempts: retry.attempts,
        ...(retry.reason ? { reason: retry.reason } : {}),
        updatedAt: now,
      });
      return true;
    },

    recover: async (now, scope) => {
      const stale = items
        .find("live", "sending")
        .filter((item) => scope === "all" || (item.lease?.until ?? "") <= now);
      const requeued = stale.map((item): OutboxItem => {
        const { lease: _lease, ...rest } = item;
        return {
          ...rest,
          state: "queued",
          notBefore: now,
          recoveries: (item.recoveries ?? 0) + 1,
          updatedAt: now,
        };
      });
      await items.put(...requeued);
      return requeued;
    },

    cancel: async (purpose, now) => {
      const cancelled = items
        .find("purpose", purpose)
        .filter((item) => item.state === "queued")
        .map(
          (item): OutboxItem => ({
            ...item,
            state: "failed",
            reason: "cancelled",
            updatedAt: now,
            finishedAt: now,
          }),
        );
      await items.put(...cancelled);
      return cancelled.length;
    },

    get: async (key) => items.get(key),

    list: async (purpose) => {
      const summary = summaries.get(purpose);
      return items.find("purpose", purpose).filter((item) => !coveredBy(summary, item));
    },

    progress: async (purpose) =>
      progressWithSummary(purpose, summaries.get(purpose), items.find("purpose", purpose)),

    nextDue: async () => {
      let earliest: string | undefined;
      for (const item of items.find("live", "queued")) {
        if (earliest === undefined || item.notBefore < earliest) earliest = item.notBefore;
      }
      return earliest;
    },

    prune: async (finishedBefore) =>
      pruneOutbox(
        { items, summaries, payloads, filesDir: filesDir(dataDir), recentlySaved },
        finishedBefore,
      ),
  };
}

/** Urgent first, then the longest due, then the oldest. */
function claimOrder(a: OutboxItem, b: OutboxItem): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  if (a.notBefore !== b.notBefore) return a.notBefore < b.notBefore ? -1 : 1;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

/** A file-name-safe, collision-free name for a purpose (`broadcast:42` → `broadcast_42-1x2y3z`). */
function purposeSlug(purpose: string): string {
  const readable = purpose.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 48);
  return `${readable}-${fnv1a(purpose).toString(36)}`;
}

/** JSON with object keys sorted, so equal messages hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}
