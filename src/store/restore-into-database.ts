import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { backupFilesFolder } from "./backup-files.js";
import { SCHEMA_VERSION as DOCUMENT_VERSION } from "./lowdb/migrations.js";
import { BACKUP_SECTIONS, type FileSection } from "./postgres/backup-sections.js";
import type { SnapshotRefusal } from "./restore-snapshot.js";
import type { Snapshot } from "./snapshot.js";

/** An outbox file sits at the top of the files folder under its sha256. */
const OUTBOX_FILE = /^[0-9a-f]{64}$/;

/**
 * Loads a backup (of either adapter) into an empty PostgreSQL store, with the files kept in
 * the `.files` folder beside it. Refuses a database that already holds records, so a restore
 * never mixes two states. Returns how many files came back (null: the backup has no folder).
 */
export async function restoreIntoDatabase(
  databaseUrl: string,
  snapshot: Snapshot,
  backupFile: string,
): Promise<{ ok: true; files: number | null } | ({ ok: false } & SnapshotRefusal)> {
  if (Object.keys(snapshot.collections).some((name) => !BACKUP_SECTIONS.has(name))) {
    return { ok: false, reason: "not-a-backup" };
  }
  if (snapshot.schemaVersion > DOCUMENT_VERSION) {
    return { ok: false, reason: "newer-version", detail: String(snapshot.schemaVersion) };
  }
  const { openPgStore } = await import("./postgres/pg-store.js");
  const store = await openPgStore(databaseUrl);
  try {
    if (!(await store.isEmpty())) return { ok: false, reason: "not-empty" };
    const files = await filesBeside(backupFile);
    // A backup of PostgreSQL carries its files inside; one of lowdb in the folder beside it.
    const withFiles = (section: string, found: FileSection[] = []) => [
      ...(snapshot.collections[section] ?? []),
      ...found,
    ];
    await store.load({
      ...snapshot,
      collections: {
        ...snapshot.collections,
        "outbox-files": withFiles("outbox-files", files?.outbox),
        "kept-files": withFiles("kept-files", files?.kept),
      },
    });
    return { ok: true, files: files ? files.outbox.length + files.kept.length : null };
  } finally {
    await store.close();
  }
}

/** The files kept beside a backup, split into the outbox's and the others, or null. */
async function filesBeside(
  backupFile: string,
): Promise<{ outbox: FileSection[]; kept: FileSection[] } | null> {
  const folder = backupFilesFolder(resolve(backupFile));
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) return null;
  const outbox: FileSection[] = [];
  const kept: FileSection[] = [];
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.endsWith(".tmp")) continue;
    const path = join(entry.parentPath, entry.name);
    const key = relative(folder, path).split(sep).join("/");
    const file = { id: key, base64: (await readFile(path)).toString("base64") };
    (OUTBOX_FILE.test(key) ? outbox : kept).push(file);
  }
  return { outbox, kept };
}
