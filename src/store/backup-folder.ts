import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { removeBackupFiles } from "./backup-files.js";

/** The folder under `$DATA_DIR` where rotated backups are kept. */
export function backupsDir(dataDir: string): string {
  return join(dataDir, "backups");
}

const ROTATED = /^chung-suc-\d{4}-\d{2}-\d{2}T\d{6}(-\d+)?\.json$/;

/**
 * A path for a new rotated backup named `name` in `$DATA_DIR/backups` (created, mode 0700):
 * `name`, or `name-1`, `name-2`… when a backup of the same second is there.
 */
export async function newRotatedBackupPath(dataDir: string, name: string): Promise<string> {
  const dir = resolve(backupsDir(dataDir));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const existing = new Set(await readdir(dir));
  let file = name;
  for (let n = 1; existing.has(file); n++) file = name.replace(/\.json$/, `-${n}.json`);
  return join(dir, file);
}

/** Where a rotated backup is written before it is whole: its name, marked with this process. */
export function unfinishedBackupPath(file: string): string {
  return `${file}.${process.pid}.unfinished`;
}

/** Gives a whole backup (its files kept beside it) its name: from then on it may be restored. */
export async function nameFinishedBackup(file: string): Promise<void> {
  await rename(unfinishedBackupPath(file), file);
}

/**
 * What a backup killed half-way leaves in `$DATA_DIR/backups`: a snapshot not yet named
 * (`….<pid>.unfinished`), a temporary file (`….<pid>.<n>.tmp`) or a files folder being built
 * (`….files.<pid>.tmp`). Removed when the process that made it is gone; returns the names.
 */
export async function removeUnfinishedBackups(dataDir: string): Promise<string[]> {
  const dir = resolve(backupsDir(dataDir));
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const pid = /\.(\d+)(?:\.\d+)?\.(?:unfinished|tmp)$/.exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Whether a process of this id is alive (signal 0 only asks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Deletes all but the newest `keep` rotated backups in `$DATA_DIR/backups`, each with its files folder;
 * returns the removed backup files.
 */
export async function rotateBackups(dataDir: string, keep: number): Promise<string[]> {
  const dir = resolve(backupsDir(dataDir));
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

/** The newest rotated backup in `$DATA_DIR/backups`, or undefined when there is none. */
export async function newestRotatedBackup(dataDir: string): Promise<string | undefined> {
  const dir = resolve(backupsDir(dataDir));
  const names = await readdir(dir).catch(() => [] as string[]);
  const newest = names
    .filter((name) => ROTATED.test(name))
    .sort(byAge)
    .at(-1);
  return newest ? join(dir, newest) : undefined;
}

/** Oldest first; a same-second suffix (`-1`) sorts after the file without one. */
function byAge(a: string, b: string): number {
  const key = (name: string) => {
    const match = /T(\d{6})(?:-(\d+))?\.json$/.exec(name);
    return `${name.slice(0, name.indexOf("T"))}${match?.[1]}${(match?.[2] ?? "0").padStart(6, "0")}`;
  };
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** Why a restore did not happen. */
export type RestoreRefusal =
  | { reason: "unreadable"; detail: string }
  | { reason: "not-a-backup" }
  | { reason: "bot-running" }
  | { reason: "not-empty" }
  | { reason: "newer-version"; detail: string };
