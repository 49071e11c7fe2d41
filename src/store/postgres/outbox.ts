import { randomUUID } from "node:crypto";
import { type PayloadDoc, payloadDocument, storedOutbound } from "../outbox-payload.js";
import type { OutboxItem, OutboxRepository } from "../outbox-repository.js";
import {
  coveredBy,
  foldIntoSummary,
  type OutboxCounted,
  type PurposeSummary,
  progressWithSummary,
} from "../outbox-summary.js";
import {
  cancelledItem,
  claimOrder,
  finishedItem,
  leasedItem,
  queuedItem,
  recoveredItem,
  releasedItem,
  withPartSent,
} from "../outbox-transitions.js";
import type { Database, Queryable } from "./database.js";
import { doc, docs, getDoc, insertNewDocs, putDocs } from "./document-table.js";
import { outbox, outboxPayloads, outboxPurposes } from "./tables.js";

/**
 * How long a saved message is safe from pruning though no send refers to it yet: it is saved
 * just before its sends are enqueued, maybe by another instance than the one pruning.
 */
const UNREFERENCED_GRACE = "1 hour";

/** The start of a test on `e`, another live send of the member of send `o`. */
const HELD_BACK = `SELECT 1 FROM outbox e
   WHERE e.state IN ('queued', 'sending') AND e.doc->>'memberId' = o.doc->>'memberId'
     AND e.id <> o.id`;

/** Send `e` was queued before send `o` (see queueOrder). */
const QUEUED_BEFORE = `(e.created_at, e.seq, e.id COLLATE "C") < (o.created_at, o.seq, o.id COLLATE "C")`;

/**
 * The outbox on PostgreSQL. Workers of every instance claim with `FOR UPDATE SKIP LOCKED`, so
 * each due send goes to one of them without waiting on the others; every later change to a
 * claimed send is made only under its lease. Message bytes live in `outbox_files`, so any
 * instance can send them.
 */
export function outboxRepository(db: Database): OutboxRepository {
  /** Inside a transaction: the send, held, if it is still claimed under this lease. */
  const leased = (tx: Queryable, key: string, leaseId: string) =>
    doc<OutboxItem>(
      tx,
      "SELECT doc FROM outbox WHERE id = $1 AND state = 'sending' AND lease_id = $2 FOR UPDATE",
      [key, leaseId],
    );
  /** Changes a claimed send under its lease; false when the lease is lost. */
  const underLease = (key: string, leaseId: string, change: (item: OutboxItem) => OutboxItem) =>
    db.transaction(async (tx) => {
      const item = await leased(tx, key, leaseId);
      if (!item) return false;
      await putDocs(tx, outbox, [change(item)]);
      return true;
    });
  const summaryOf = (purpose: string) => getDoc(db, outboxPurposes, purpose);

  return {
    savePayload: (message) =>
      db.transaction(async (tx) => {
        const { doc: payload, bytes } = payloadDocument(message);
        if (payload.file && bytes) {
          await tx.query(
            "INSERT INTO outbox_files (id, bytes) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
            [payload.file.sha256, bytes],
          );
        }
        // Saved again when already there: that renews its time, so a prune leaves it be.
        await putDocs(tx, outboxPayloads, [payload]);
        return payload.id;
      }),

    payload: async (payloadId) => {
      const result = await db.query<{ doc: PayloadDoc; bytes: Buffer | null }>(
        `SELECT p.doc, f.bytes FROM outbox_payloads p
         LEFT JOIN outbox_files f ON f.id = p.file_sha256 WHERE p.id = $1`,
        [payloadId],
      );
      const row = result.rows[0];
      if (!row || (row.doc.file && !row.bytes)) return undefined;
      return storedOutbound(row.doc, row.bytes ?? undefined);
    },

    enqueue: async (requests, now) => {
      const distinct = [...new Map(requests.map((request) => [request.key, request])).values()];
      // Numbers from the database's sequence, so instances sharing it never hand out one
      // twice; a key already queued just leaves a gap.
      const numbers = await db.query<{ seq: string }>(
        "SELECT nextval('outbox_seq') AS seq FROM generate_series(1, $1::int)",
        [distinct.length],
      );
      const seqs = numbers.rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
      const fresh = new Map<string, OutboxItem>();
      distinct.forEach((request, i) => {
        fresh.set(request.key, queuedItem(request, now, seqs[i] ?? 0));
      });
      const created = await insertNewDocs(db, outbox, [...fresh.values()]);
      const kept = [...fresh.keys()].filter((key) => !created.has(key));
      const existing = new Map(
        (
          await docs<OutboxItem>(db, "SELECT doc FROM outbox WHERE id = ANY($1::text[])", [kept])
        ).map((item) => [item.key, item]),
      );
      const answered = new Set<string>();
      return requests.map((request) => {
        const first = !answered.has(request.key);
        answered.add(request.key);
        const isNew = first && created.has(request.key);
        const item = existing.get(request.key) ?? fresh.get(request.key);
        if (!item) throw new Error(`outbox item ${request.key} vanished while enqueued`);
        return { item, created: isNew };
      });
    },

    claim: async ({ now, limit, leaseMs }) => {
      if (limit <= 0) return [];
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      return db.transaction(async (tx) => {
        // Per member the first due send next in line (see nextInLine): none while one of
        // theirs is being sent, none behind an earlier one that is due or waits for its retry.
        const due = await docs<OutboxItem>(
          tx,
          `SELECT doc FROM outbox o WHERE state = 'queued' AND not_before <= $1::timestamptz
             AND NOT EXISTS (${HELD_BACK}
                  AND (e.state = 'sending'
                       OR (${QUEUED_BEFORE} AND (e.not_before <= $1::timestamptz OR e.doc ? 'firstClaimedAt'))))
           ORDER BY urgent DESC, created_at, seq, id COLLATE "C" LIMIT $2 FOR UPDATE OF o SKIP LOCKED`,
          [now, limit],
        );
        const claimed = due
          .sort(claimOrder)
          .map((item) => leasedItem(item, { id: randomUUID(), until }, now));
        await putDocs(tx, outbox, claimed);
        return claimed;
      });
    },

    recordPart: (key, leaseId, part, now) =>
      underLease(key, leaseId, (item) => withPartSent(item, part, now)),

    finish: (key, leaseId, outcome, now, lastPart) =>
      underLease(key, leaseId, (item) => finishedItem(item, outcome, now, lastPart)),

    release: (key, leaseId, retry, now) =>
      underLease(key, leaseId, (item) => releasedItem(item, retry, now)),

    recover: (now, scope) =>
      db.transaction(async (tx) => {
        // A send a live worker is changing right now is held by it: not stale, skipped.
        const stale = await docs<OutboxItem>(
          tx,
          `SELECT doc FROM outbox WHERE state = 'sending'
             AND ($1 = 'all' OR lease_until <= $2::timestamptz)
           ORDER BY pos FOR UPDATE SKIP LOCKED`,
          [scope, now],
        );
        const requeued = stale.map((item) => recoveredItem(item, now));
        await putDocs(tx, outbox, requeued);
        return requeued;
      }),

    cancel: (purpose, now) =>
      db.transaction(async (tx) => {
        const queued = await docs<OutboxItem>(
          tx,
          `SELECT doc FROM outbox WHERE purpose = $1 AND state = 'queued'
           ORDER BY pos FOR UPDATE SKIP LOCKED`,
          [purpose],
        );
        await putDocs(
          tx,
          outbox,
          queued.map((item) => cancelledItem(item, now)),
        );
        return queued.length;
      }),

    get: (key) => getDoc(db, outbox, key),

    list: async (purpose) => {
      const summary = await summaryOf(purpose);
      const items = await docs<OutboxItem>(
        db,
        "SELECT doc FROM outbox WHERE purpose = $1 ORDER BY pos",
        [purpose],
      );
      return items.filter((item) => !coveredBy(summary, item));
    },

    progress: async (purpose) => {
      const summary = await summaryOf(purpose);
      const counted = await db.query<{
        state: OutboxItem["state"];
        first_claimed_at: string | null;
        finished_at: string | null;
        text_only: string | null;
      }>(
        `SELECT state, doc->>'firstClaimedAt' AS first_claimed_at, doc->>'finishedAt' AS finished_at,
                doc->>'textOnly' AS text_only
         FROM outbox WHERE purpose = $1`,
        [purpose],
      );
      return progressWithSummary(purpose, summary, counted.rows.map(toCounted));
    },

    nextDue: async () => {
      // The sends next in line (see nextDueOf): not behind one in flight or one tried earlier.
      const result = await db.query<{ not_before: string }>(
        `SELECT doc->>'notBefore' AS not_before FROM outbox o WHERE state = 'queued'
           AND NOT EXISTS (${HELD_BACK}
                AND (e.state = 'sending' OR (${QUEUED_BEFORE} AND e.doc ? 'firstClaimedAt')))
         ORDER BY not_before LIMIT 1`,
      );
      return result.rows[0]?.not_before;
    },

    prune: (finishedBefore) =>
      db.transaction(async (tx) => {
        // One prune at a time across instances; the transaction makes it all or nothing.
        await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':prune'))");
        const expired = await docs<OutboxItem>(
          tx,
          `SELECT doc FROM outbox WHERE state IN ('sent', 'failed', 'blocked')
             AND finished_at < $1::timestamptz ORDER BY pos FOR UPDATE`,
          [finishedBefore],
        );
        const byPurpose = new Map<string, OutboxItem[]>();
        for (const item of expired) {
          byPurpose.set(item.purpose, [...(byPurpose.get(item.purpose) ?? []), item]);
        }
        const folded: PurposeSummary[] = [];
        for (const [purpose, items] of byPurpose) {
          const previous = await getDoc(tx, outboxPurposes, purpose);
          if (previous && previous.through >= finishedBefore) continue;
          folded.push(foldIntoSummary(purpose, previous, finishedBefore, items));
        }
        await putDocs(tx, outboxPurposes, folded);
        await tx.query("DELETE FROM outbox WHERE id = ANY($1::text[])", [
          expired.map((item) => item.key),
        ]);
        const payloads = await tx.query(
          `DELETE FROM outbox_payloads p
           WHERE p.saved_at < now() - interval '${UNREFERENCED_GRACE}'
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.payload_id = p.id)`,
        );
        const files = await tx.query(
          `DELETE FROM outbox_files f
           WHERE NOT EXISTS (SELECT 1 FROM outbox_payloads p WHERE p.file_sha256 = f.id)`,
        );
        return {
          items: expired.length,
          purposes: folded.length,
          payloads: payloads.rowCount ?? 0,
          files: files.rowCount ?? 0,
        };
      }),
  };
}

function toCounted(row: {
  state: OutboxItem["state"];
  first_claimed_at: string | null;
  finished_at: string | null;
  text_only: string | null;
}): OutboxCounted {
  return {
    state: row.state,
    ...(row.text_only === "true" ? { textOnly: true } : {}),
    ...(row.first_claimed_at ? { firstClaimedAt: row.first_claimed_at } : {}),
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
  };
}
