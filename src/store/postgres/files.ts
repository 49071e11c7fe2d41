import { isFileKey, mimeTypeOf } from "../file-keys.js";
import type { FileRepository } from "../file-repository.js";
import type { Database } from "./database.js";

/**
 * Kept files (photos, previews, audio) in the database, so any instance serves what another
 * received. Keys are checked as on disk: a key that could not be a safe relative path is
 * refused, so the same records work on either adapter.
 */
export function fileRepository(db: Database): FileRepository {
  return {
    put: async (key, file) => {
      if (!isFileKey(key)) throw new Error(`not a file key: ${key}`);
      await db.query(
        `INSERT INTO kept_files (id, bytes) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET bytes = EXCLUDED.bytes`,
        [key, Buffer.from(file.bytes)],
      );
    },
    get: async (key) => {
      if (!isFileKey(key)) return undefined;
      const result = await db.query<{ bytes: Buffer }>(
        "SELECT bytes FROM kept_files WHERE id = $1",
        [key],
      );
      const row = result.rows[0];
      return row && { bytes: new Uint8Array(row.bytes), mimeType: mimeTypeOf(key) };
    },
    exists: async (key) =>
      isFileKey(key) &&
      (await db.query("SELECT 1 FROM kept_files WHERE id = $1", [key])).rowCount === 1,
    delete: async (key) => {
      await db.query("DELETE FROM kept_files WHERE id = $1", [key]);
    },
    list: async (prefix) => {
      const result = await db.query<{ id: string }>(
        "SELECT id FROM kept_files WHERE starts_with(id, $1)",
        [prefix],
      );
      // Sorted as JavaScript sorts, like every adapter, whatever the database's collation.
      return result.rows.map((row) => row.id).sort();
    },
  };
}
