import type {
  AttemptRepository,
  ClaimRepository,
  SequenceRepository,
} from "../coordination-repositories.js";
import type { Database, Queryable } from "./database.js";
import { getDoc, lockDoc, putDocs, removeDocs } from "./document-table.js";
import { attempts } from "./tables.js";

/** How many attempts per key are kept: as many as any throttle looks back on, and some. */
const KEPT_ATTEMPTS = 50;

/**
 * One-time claims: one statement inserts the claim or takes over an expired one, so of two
 * instances claiming at once exactly one gets a row back.
 */
export function claimRepository(db: Database): ClaimRepository {
  return {
    claim: async (key, now, ttlMs) => {
      const expiresAt =
        ttlMs === undefined ? undefined : new Date(Date.parse(now) + ttlMs).toISOString();
      const claimDoc = expiresAt ? { key, at: now, expiresAt } : { key, at: now };
      const result = await db.query(
        `INSERT INTO claims (id, expires_at, doc) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at, doc = EXCLUDED.doc
         WHERE claims.expires_at IS NOT NULL AND claims.expires_at <= $4::timestamptz
         RETURNING id`,
        [key, expiresAt ?? null, JSON.stringify(claimDoc), now],
      );
      return result.rowCount === 1;
    },
    has: async (key, now) => {
      const result = await db.query(
        "SELECT 1 FROM claims WHERE id = $1 AND (expires_at IS NULL OR expires_at > $2::timestamptz)",
        [key, now],
      );
      return result.rowCount === 1;
    },
  };
}

/** Attempts per key, the last few kept. */
export function attemptRepository(db: Database): AttemptRepository {
  return {
    record: (key, at) =>
      db.transaction(async (tx) => {
        const previous = (await lockDoc(tx, attempts, key))?.at ?? [];
        await putDocs(tx, attempts, [{ key, at: [...previous, at].slice(-KEPT_ATTEMPTS) }]);
      }),
    since: async (key, since) =>
      ((await getDoc(db, attempts, key))?.at ?? []).filter((at) => at >= since),
    clear: (key) => removeDocs(db, attempts, [key]),
  };
}

/** The next number of a named counter: one statement, so no two callers get the same. */
export async function nextValue(db: Queryable, name: string, count = 1): Promise<number> {
  const result = await db.query<{ value: number }>(
    `INSERT INTO sequences (id, doc) VALUES ($1, jsonb_build_object('name', $1::text, 'value', $2::int))
     ON CONFLICT (id) DO UPDATE
       SET doc = jsonb_set(sequences.doc, '{value}', to_jsonb((sequences.doc->>'value')::int + $2::int))
     RETURNING (doc->>'value')::int AS value`,
    [name, count],
  );
  const last = result.rows[0]?.value;
  if (last === undefined) throw new Error(`sequence ${name} gave no value`);
  return last - count + 1;
}

/** Named counters. */
export function sequenceRepository(db: Database): SequenceRepository {
  return { next: (name, count) => nextValue(db, name, count) };
}
