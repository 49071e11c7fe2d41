import { chmod, copyFile, link, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { filesDir } from "./files-dir.js";

/** Mode of a kept file and of a kept folder: the owner's only. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** Served files are temporary links (`files/served/`): not worth keeping. */
const SKIPPED_TOP = new Set(["served"]);

/** Errors for which a hard link cannot be made but a copy can. */
const CANNOT_LINK = new Set(["EXDEV", "EPERM", "ENOTSUP", "EMLINK", "EOPNOTSUPP"]);

/** The folder kept next to a backup file: `chung-suc-<time>.json` → `chung-suc-<time>.files`. */
export function backupFilesFolder(backupFile: string): string {
  return backupFile.endsWith(".json") ? `${backupFile.slice(0, -5)}.files` : `${backupFile}.files`;
}

/** The files kept with a backup: their folder and how many there are. */
export interface KeptFiles {
  folder: string;
  files: number;
}

/**
 * Keeps the files under `$DATA_DIR/files` (report and broadcast photos, outbox payloads; not
 * `served/`) in the folder next to `backupFile`. Call it after the snapshot is written: every
 * file the snapshot refers to was on disk before it. The files are hard-linked, which is safe
 * because their writers never change a file in place (photos get fresh names, outbox payloads
 * are renamed into place under their hash); across devices they are copied. The folder is
 * built under a temporary name and renamed, so it is either whole or absent.
 */
export async function keepBackupFiles(dataDir: string, backupFile: string): Promise<KeptFiles> {
  const folder = backupFilesFolder(resolve(backupFile));
  const building = `${folder}.${process.pid}.tmp`;
  await rm(building, { recursive: true, force: true });
  await makeDir(building);
  let files = 0;
  for (const path of await listKeptFiles(filesDir(dataDir))) {
    const source = join(filesDir(dataDir), path);
    const target = join(building, path);
    await makeDir(dirname(target));
    try {
      await linkOrCopy(source, target);
    } catch (error) {
      // Removed since it was listed (a cancelled draft's photo): nothing refers to it.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    await chmod(target, FILE_MODE);
    files += 1;
  }
  await rm(folder, { recursive: true, force: true });
  await rename(building, folder);
  return { folder, files };
}

/**
 * Copies a backup's files folder into `$DATA_DIR/files` (copies, never links, so the
 * restored folder does not share files with the backup). Returns null when the backup has
 * no files folder (one written before backups kept files).
 */
export async function restoreBackupFiles(
  dataDir: string,
  backupFile: string,
): Promise<KeptFiles | null> {
  const folder = backupFilesFolder(resolve(backupFile));
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory()) return null;
  const root = filesDir(dataDir);
  await makeDir(root);
  let files = 0;
  for (const path of await listKeptFiles(folder)) {
    const target = join(root, path);
    await makeDir(dirname(target));
    await copyFile(join(folder, path), target);
    await chmod(target, FILE_MODE);
    files += 1;
  }
  return { folder, files };
}

/** Removes the files folder kept with a backup, if any. */
export async function removeBackupFiles(backupFile: string): Promise<void> {
  await rm(backupFilesFolder(backupFile), { recursive: true, force: true });
}

async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch (error) {
    if (!CANNOT_LINK.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
    await copyFile(source, target);
  }
}

async function makeDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: DIR_MODE });
  // mkdir's mode is masked by the umask; make sure.
  await chmod(path, DIR_MODE);
}

/**
 * The regular files under `root`, as paths relative to it: not `served/`, and not an outbox
 * payload's temporary file still being written (`*.tmp`), which nothing refers to yet.
 */
async function listKeptFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [];
        throw error;
      },
    );
    for (const entry of entries) {
      const path = relative === "" ? entry.name : join(relative, entry.name);
      if (relative === "" && SKIPPED_TOP.has(entry.name)) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && !entry.name.endsWith(".tmp")) found.push(path);
    }
  };
  await walk("");
  return found.sort();
}
