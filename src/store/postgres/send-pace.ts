import type { SharedPace } from "../../delivery/shared-pace.js";
import type { Queryable } from "./database.js";

/**
 * A reservation further ahead than this is a leftover (the database's clock was set back),
 * not a queue of sends: the channel starts afresh from now. A platform's pause longer than
 * this is then kept by each instance's own pacer only, as it learns of it.
 */
const STALE_AHEAD_MS = 60_000;

/**
 * Send slots on PostgreSQL: one row per channel holds when its next slot is free, moved on by
 * one statement per send, so no two instances get the same slot. The database's clock is the
 * one clock every instance shares.
 */
export function sendPace(db: Queryable): SharedPace {
  return {
    reserve: async (channel, intervalMs) => {
      const result = await db.query<{ wait_ms: number }>(
        `WITH clock AS (SELECT extract(epoch FROM clock_timestamp()) * 1000 AS ms)
         INSERT INTO send_pace AS p (id, next_at) SELECT $1, ms + $2 FROM clock
         ON CONFLICT (id) DO UPDATE SET next_at = CASE
             WHEN p.next_at > EXCLUDED.next_at + $3 THEN EXCLUDED.next_at
             ELSE GREATEST(p.next_at + $2, EXCLUDED.next_at) END
         RETURNING next_at - $2 - (SELECT ms FROM clock) AS wait_ms`,
        [channel, intervalMs, STALE_AHEAD_MS],
      );
      return Math.max(0, Number(result.rows[0]?.wait_ms ?? 0));
    },
    pause: async (channel, ms) => {
      await db.query(
        `WITH clock AS (SELECT extract(epoch FROM clock_timestamp()) * 1000 AS ms)
         INSERT INTO send_pace AS p (id, next_at) SELECT $1, ms + $2 FROM clock
         ON CONFLICT (id) DO UPDATE SET next_at = GREATEST(p.next_at, EXCLUDED.next_at)`,
        [channel, ms],
      );
    },
  };
}
