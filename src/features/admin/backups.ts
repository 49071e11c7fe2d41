import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { localTime, pad } from "../../domain/local-time.js";
import {
  keepBackupFiles,
  removeBackupFiles,
  restoreBackupFiles,
} from "../../store/backup-files.js";
import { restoreSnapshot } from "../../store/restore-snapshot.js";
import type { Snapshot } from "../../store/snapshot.js";
import type { Store } from "../../store/store.js";

/** The folder under `$DATA_DIR` where rotated backups are kept. */
export function backupsDir(dataDir: string): string {
  return join(dataDir, "backups");
}

const PREFIX = "chung-suc-";
const ROTATED = /^chung-suc-\d{4}-\d{2}-\d{2}T\d{6}(-\d+)?\.json$/;

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
  const dir = resolve(backupsDir(options.dataDir));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const existing = new Set(await readdir(dir));
  const name = backupFileName(options.now(), options.timeZone);
  let file = name;
  for (let n = 1; existing.has(file); n++) file = name.replace(/\.json$/, `-${n}.json`);
  const written = await store.maintenance.backup(join(dir, file));
  // Listed only now: whatever the snapshot refers to was written before it.
  const kept = await keepBackupFiles(options.dataDir, written.file);
  const removed = await rotateBackups(dir, options.keep);
  return {
    file: written.file,
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
 * Deletes all but the newest `keep` rotated backups in `dir`, each with its files folder;
 * returns the removed backup files.
 */
export async function rotateBackups(dir: string, keep: number): Promise<string[]> {
  const rotated = (await readdir(dir)).filter((name) => ROTATED.test(name)).sort(byAge);
  const removed = rotated.slice(0, Math.max(0, rotated.length - keep)).map((n) => join(dir, n));
  await Promise.all(
    removed.map(async (file) => {
      await rm(file, { force: true });
      await removeBackupFiles(file);
    }),
  );
  return removed;
}

/** Oldest first; a same-second suffix (`-1`) sorts after the file without one. */
function byAge(a: string, b: string): number {
  const key = (name: string) => {
    const match = /T(\d{6})(?:-(\d+))?\.json$/.exec(name);
    return `${name.slice(0, name.indexOf("T"))}${match?.[1]}${(match?.[2] ?? "0").padStart(6, "0")}`;
  };
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

const snapshotSchema = z.object({
  format: z.literal("chung-suc-backup"),
  schemaVersion: z.number().int().positive(),
  createdAt: z.string(),
  collections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

/** Why a restore did not happen. */
export type RestoreRefusal =
  | { reason: "unreadable"; detail: string }
  | { reason: "not-a-backup" }
  | { reason: "bot-running" }
  | { reason: "not-empty" }
  | { reason: "newer-version"; detail: string };

/**
 * A restore's outcome: how many records and files came back (`files` is null for a backup
 * written before backups kept files), or why nothing was written.
 */
export type RestoreResult =
  | { ok: true; createdAt: string; records: number; files: number | null }
  | ({ ok: false } & RestoreRefusal);

/** Reads and checks a backup file's shape; nothing is written. */
export async function readBackupFile(
  file: string,
): Promise<{ ok: true; snapshot: Snapshot } | ({ ok: false } & RestoreRefusal)> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { ok: false, reason: "unreadable", detail: (error as NodeJS.ErrnoException).code ?? "" };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "not-a-backup" };
  }
  const parsed = snapshotSchema.safeParse(json);
  return parsed.success
    ? { ok: true, snapshot: parsed.data as Snapshot }
    : { ok: false, reason: "not-a-backup" };
}

/**
 * Restores a backup into an empty data folder, with the files kept next to it (copied into
 * `$DATA_DIR/files`). Refuses while a bot runs on the folder or when it already holds data,
 * so a restore never mixes two states; a file that is not a backup is refused before
 * anything is written.
 */
export async function restoreBackup(dataDir: string, file: string): Promise<RestoreResult> {
  const read = await readBackupFile(file);
  if (!read.ok) return read;
  const { snapshot } = read;
  const restored = await restoreSnapshot(
    dataDir,
    snapshot,
    async () => (await restoreBackupFiles(dataDir, file))?.files ?? null,
  );
  if (!restored.ok) return restored;
  const records = Object.values(snapshot.collections).reduce((n, docs) => n + docs.length, 0);
  return { ok: true, createdAt: snapshot.createdAt, records, files: restored.before };
}
