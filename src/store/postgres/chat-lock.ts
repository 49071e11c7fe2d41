import type pg from "pg";
import type { ChatLock } from "../../features/chat-turns.js";
import type { Database } from "./database.js";

/** How long to wait before asking again for a chat another instance holds: first, and at most. */
const RETRY_FIRST_MS = 5;
const RETRY_MAX_MS = 100;
/** The advisory lock namespace of chats (the first of the two keys). */
const CHAT_LOCKS = 15;

/**
 * Chat locks as PostgreSQL advisory locks on one connection of this instance, kept for them.
 * A lock is only ever tried (never waited for in the database), so one connection serves every
 * chat; a held lock is the same session's, so the process itself must not hold a key twice.
 * Keys are hashed with the schema: instances on one schema exclude each other, others never.
 */
export function chatLock(db: Database): ChatLock & { close(): Promise<void> } {
  let session: Promise<pg.PoolClient> | undefined;
  let closed = false;
  const connection = () => {
    session ??= db.connect().then((client) => {
      // A dropped connection lets go of its locks: the next update takes a new one.
      client.on("error", () => {
        session = undefined;
        client.release(true);
      });
      return client;
    });
    return session;
  };
  const ask = async (sql: string, key: string): Promise<boolean> => {
    const client = await connection();
    const result = await client.query<{ ok: boolean }>(
      `SELECT ${sql}(${CHAT_LOCKS}, hashtext(current_schema() || ':' || $1)) AS ok`,
      [key],
    );
    return result.rows[0]?.ok === true;
  };
  return {
    async hold(key, work) {
      for (let waitMs = RETRY_FIRST_MS; !(await ask("pg_try_advisory_lock", key)); ) {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        waitMs = Math.min(RETRY_MAX_MS, waitMs * 2);
      }
      try {
        return await work();
      } finally {
        if (!closed) await ask("pg_advisory_unlock", key).catch(() => undefined);
      }
    },
    async close() {
      closed = true;
      const client = await session?.catch(() => undefined);
      session = undefined;
      client?.release();
    },
  };
}
