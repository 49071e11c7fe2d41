import { DOCUMENT_TABLES } from "./tables.js";

/*
 * What a backup of the PostgreSQL store holds, apart from the store itself: read by restores
 * and moves that may never open a database, so that importing them does not load the client
 * (`pg` takes about 60 ms to import, which the bot's first answer paid on lowdb).
 */

/**
 * The backup sections holding bytes (as base64), by the table they come from: the outbox's
 * files and the kept files, which lowdb keeps as files on disk instead. Present only when not
 * empty, so a backup without files reads into lowdb too.
 */
export const BYTE_SECTIONS = {
  "outbox-files": "outbox_files",
  "kept-files": "kept_files",
} as const;

/** Every section a backup of this store may hold. */
export const BACKUP_SECTIONS: ReadonlySet<string> = new Set([
  ...DOCUMENT_TABLES.map((t) => t.collection),
  ...Object.keys(BYTE_SECTIONS),
]);

/** One file in a backup section of bytes. */
export interface FileSection {
  id: string;
  base64: string;
}
