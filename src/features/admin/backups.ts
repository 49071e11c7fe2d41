import { resolve } from "node:path";
import { localTime, pad } from "../../domain/local-time.js";
import { keepBackupFiles, restoreBackupFiles } from "../../store/backup-files.js";
import {
  nameFinishedBackup,
  newRotatedBackupPath,
  type RestoreRefusal,
  removeUnfinishedBackups,
  rotateBackups,
  unfinishedBackupPath,
} from "../../store/backup-folder.js";
import { restoreIntoDatabase } from "../../store/restore-into-database.js";
import { restoreSnapshot } from "../../store/restore-snapshot.js";
import { readSnapshotFile } from "../../store/snapshot-file.js";
import type { Store } from "../../store/store.js";

const PREFIX = "chung-suc-";
/** A rotated backup's file name, in local time so an admin finds "last night's" at a glance. */
export function backupFileName(now: Date, timeZone: string): string {
  const t = localTime(now, timeZone);
  return `${PREFIX}${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}.json`;
}

/** Where and how a rotated backup is written. */
export interface RotatedBackupOptions {
  dataDir: string;
  /** How many rotated backups to keep (`BACKUP_KEEP`). */
  keep: number;
  now: () => Date;
  timeZone: string;
}

/**
 * A written backup: its file, its size, the folder of files kept with it and how many, and
 * the old backups rotation removed.
 */
export interface WrittenBackup {
  file: string;
  bytes: number;
  filesFolder: string;
  files: number;
  removed: string[];
}

/**
 * Writes a consistent snapshot to `$DATA_DIR/backups/chung-suc-<local time>.json`, with the
 * files it refers to in `chung-suc-<local time>.files/`, and keeps only the newest `keep`
 * such backups: the daily backup job and `backup` both call this. Works whether this process
 * owns the store or reaches it through the running bot (the files are kept by this process).
 */
export async function writeRotatedBackup(
  store: Store,
  options: RotatedBackupOptions,
): Promise<WrittenBackup> {
  await removeUnfinishedBackups(options.dataDir);
  const name = backupFileName(options.now(), options.timeZone);
  const file = await newRotatedBackupPath(options.dataDir, name);
  // The snapshot takes a backup's name only once its files are kept beside it: a backup cut
  // short by a crash is never taken for the newest one, and the next backup clears it away.
  const unfinished = unfinishedBackupPath(file);
  const written = await store.maintenance.backup(unfinished);
  // Listed only now: whatever the snapshot refers to was written before it.
  const kept = await keepBackupFiles(options.dataDir, file);
  await nameFinishedBackup(file);
  const removed = await rotateBackups(options.dataDir, options.keep);
  return {
    file,
    bytes: written.bytes,
    filesFolder: kept.folder,
    files: kept.files,
    removed,
  };
}

/**
 * Writes a consistent snapshot to a file of the admin's choosing (no rotation), with the
 * files under `dataDir` it refers to in the folder next to it (`<name>.files`).
 */
export async function writeBackupTo(
  store: Store,
  file: string,
  dataDir: string,
): Promise<WrittenBackup> {
  // The running bot may write it, from another working directory.
  const written = await store.maintenance.backup(resolve(file));
  const kept = await keepBackupFiles(dataDir, written.file);
  return {
    file: written.file,
    bytes: written.bytes,
    filesFolder: kept.folder,
    files: kept.files,
    removed: [],
  };
}

/**
 * A restore's outcome: how many records and files came back (`files` is null for a backup
 * written before backups kept files), or why nothing was written.
 */
export type RestoreResult =
  | { ok: true; createdAt: string; records: number; files: number | null }
  | ({ ok: false } & RestoreRefusal);

/**
 * Restores a backup into an empty data folder, with the files kept next to it (copied into
 * `$DATA_DIR/files`), or into an empty PostgreSQL store when `databaseUrl` is set. Refuses while a bot runs on the folder or when it already holds data,
 * so a restore never mixes two states; a file that is not a backup is refused before
 * anything is written.
 */
export async function restoreBackup(
  dataDir: string,
  file: string,
  databaseUrl?: string,
): Promise<RestoreResult> {
  const read = await readSnapshotFile(file);
  if (!read.ok) return read;
  const { snapshot } = read;
  const records = Object.values(snapshot.collections).reduce((n, docs) => n + docs.length, 0);
  if (databaseUrl) {
    const restored = await restoreIntoDatabase(databaseUrl, snapshot, file);
    if (!restored.ok) return restored;
    return { ok: true, createdAt: snapshot.createdAt, records, files: restored.files };
  }
  const restored = await restoreSnapshot(
    dataDir,
    snapshot,
    async () => (await restoreBackupFiles(dataDir, file))?.files ?? null,
  );
  if (!restored.ok) return restored;
  return { ok: true, createdAt: snapshot.createdAt, records, files: restored.before };
}
