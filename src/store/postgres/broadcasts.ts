import type { BroadcastRepository } from "../broadcast-repository.js";
import type { Database } from "./database.js";
import { docs, getDoc, lockDoc, putDocs } from "./document-table.js";
import { broadcastAudit, broadcasts } from "./tables.js";

/** Newest first; ids are sequence numbers, so of two the longer, then the larger, is newer. */
const NEWEST_FIRST = `ORDER BY doc->>'createdAt' COLLATE "C" DESC, length(id) DESC, id COLLATE "C" DESC`;

/** Broadcasts on PostgreSQL: `save` compares and sets while holding the broadcast. */
export function broadcastRepository(db: Database): BroadcastRepository {
  return {
    get: (id) => getDoc(db, broadcasts, id),
    save: (broadcast, audit) =>
      db.transaction(async (tx) => {
        const stored = await lockDoc(tx, broadcasts, broadcast.id);
        const expected = stored ? stored.revision + 1 : 0;
        if (broadcast.revision !== expected) return false;
        const last = await tx.query<{ seq: number | null }>(
          "SELECT max(seq) AS seq FROM broadcast_audit WHERE broadcast_id = $1",
          [broadcast.id],
        );
        let seq = last.rows[0]?.seq ?? 0;
        await putDocs(tx, broadcasts, [broadcast]);
        await putDocs(
          tx,
          broadcastAudit,
          audit.map((entry) => ({ ...entry, seq: ++seq })),
        );
        return true;
      }),
    list: () => docs(db, `SELECT doc FROM broadcasts ${NEWEST_FIRST}`),
    listByAuthor: (memberId) =>
      docs(db, `SELECT doc FROM broadcasts WHERE author_id = $1 ${NEWEST_FIRST}`, [memberId]),
    listInStates: (states) =>
      docs(db, `SELECT doc FROM broadcasts WHERE state = ANY($1::text[]) ${NEWEST_FIRST}`, [
        [...states],
      ]),
    audit: (broadcastId) =>
      broadcastId
        ? docs(
            db,
            `SELECT doc FROM broadcast_audit WHERE broadcast_id = $1 ORDER BY doc->>'at' COLLATE "C", seq`,
            [broadcastId],
          )
        : docs(db, `SELECT doc FROM broadcast_audit ORDER BY doc->>'at' COLLATE "C", seq`),
  };
}
