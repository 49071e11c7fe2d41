import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Adapter } from "lowdb";
import { DamagedDataError } from "../damaged-data.js";

/** Mode of every data file: readable and writable by the owner only. */
export const FILE_MODE = 0o600;

let tempCounter = 0;

/**
 * A lowdb adapter that writes a JSON file atomically and durably: the text goes to a temporary
 * file created with mode 0600 (set explicitly, whatever the umask), is fsynced, renamed over
 * the target, and the directory is fsynced, so a crash leaves either the old or the new file.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(private readonly file: string) {}

  /** Reads the file, or null when it does not exist yet. */
  async read(): Promise<T | null> {
    return this.parse(await readFile(this.file, "utf8").catch((error) => this.absent(error)));
  }

  /** `read` without yielding to the event loop. */
  readNow(): T | null {
    let text: string | null;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      text = this.absent(error);
    }
    return this.parse(text);
  }

  /** No file is no data yet (null); any other failure to read it is an error. */
  private absent(error: unknown): null {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`cannot read ${this.file}: ${(error as Error).message}`);
  }

  private parse(text: string | null): T | null {
    if (text === null) return null;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new DamagedDataError(this.file, (error as Error).message);
    }
  }

  /** Replaces the file with `data`; resolves once it is on disk. */
  async write(data: T): Promise<void> {
    await writeFileAtomically(this.file, JSON.stringify(data));
  }
}

/**
 * Writes text or bytes to a file atomically and durably, with mode 0600. Text given in pieces
 * is written a piece at a time, each asked for once the one before is written, so the event
 * loop turns between them.
 */
export async function writeFileAtomically(
  file: string,
  content: string | Uint8Array | Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  tempCounter += 1;
  const temp = `${file}.${process.pid}.${tempCounter}.tmp`;
  const handle = await open(temp, "w", FILE_MODE);
  try {
    try {
      await handle.chmod(FILE_MODE);
      await writeFile(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    // A backup's temporary file may be hundreds of MB: not left behind by a failed write.
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(file));
}

/**
 * `writeFileAtomically` without yielding to the event loop: for a journal that must be on disk
 * before any write scheduled in the same tick can start.
 */
export function writeFileAtomicallySync(file: string, text: string): void {
  tempCounter += 1;
  const temp = `${file}.${process.pid}.${tempCounter}.tmp`;
  const fd = openSync(temp, "w", FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const dirFd = openSync(dirname(file), "r");
  try {
    fsyncSync(dirFd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    closeSync(dirFd);
  }
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}
