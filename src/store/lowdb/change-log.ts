import { close, fchmod, fdatasync, open, write } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { DamagedDataError } from "../damaged-data.js";
import { FILE_MODE, syncDirectory } from "./atomic-json-file.js";
import { GroupedWrites } from "./grouped-writes.js";

/**
 * One change as the log keeps it: a whole document stored, or an id removed from the named
 * partition (so a start can bring that partition in from disk before removing from it).
 */
export type LoggedChange<T> = { put: T } | { remove: string; from?: string };

const LOG_FILE = /^changes-(\d{9})\.jsonl$/;

/**
 * An append-only log of a collection's changes, so a hot collection (the outbox ledger) pays
 * one small append per change instead of rewriting a partition file, and the changes of one
 * tick share one fsync (group commit). Each append resolves once its line is on disk.
 *
 * The log is cut at a checkpoint: `rotate` sends later appends to a new file, the collection
 * then writes its partitions (which hold everything the old files hold), and `dropBefore`
 * deletes the old files. Replaying whole documents and removals is idempotent, so a crash
 * anywhere in that sequence loses nothing.
 */
export class ChangeLog<T> {
  private number = 0;
  /** The open file (a plain descriptor: a test that never closes its store leaks no handle object). */
  private handle: Promise<number> | undefined;
  private lines: string[] = [];
  private readonly writes = new GroupedWrites(() => {
    const lines = this.lines;
    this.lines = [];
    return this.write(lines);
  });
  /** Changes appended since the last rotation. */
  private appended = 0;

  constructor(private readonly dir: string) {}

  /**
   * Reads every change the log files hold, oldest first, and returns how many files there
   * were. A last line without its newline is a write a crash cut short: its caller was never
   * told it was stored, so it is left out.
   */
  async replay(apply: (change: LoggedChange<T>) => void): Promise<number> {
    const files = await this.files();
    for (const { name, number } of files) {
      // Appends never go to a file of an earlier run: its last line may be cut short.
      this.number = Math.max(this.number, number + 1);
      const file = join(this.dir, name);
      const text = await readFile(file, "utf8");
      const complete = text.slice(0, text.lastIndexOf("\n") + 1);
      for (const line of complete.split("\n")) {
        if (line === "") continue;
        let change: LoggedChange<T>;
        try {
          change = JSON.parse(line) as LoggedChange<T>;
        } catch (error) {
          throw new DamagedDataError(file, (error as Error).message);
        }
        apply(change);
      }
    }
    return files.length;
  }

  /** Changes appended since the last rotation: how much a start would replay. */
  get size(): number {
    return this.appended;
  }

  /** Appends changes; resolves once they are on disk, with those of the same tick. */
  append(changes: LoggedChange<T>[]): Promise<void> {
    for (const change of changes) this.lines.push(`${JSON.stringify(change)}\n`);
    this.appended += changes.length;
    return this.writes.request();
  }

  /**
   * Sends later appends (and those not written yet) to a new file and returns its number:
   * files before it may go (`dropBefore`) once the collection's partitions, written after
   * this, hold their changes on disk.
   */
  async rotate(): Promise<number> {
    const inFlight = this.writes.underWay;
    const next = this.nextFile();
    this.appended = this.lines.length;
    await inFlight.catch(() => undefined);
    return next;
  }

  /** Deletes the log files numbered before `number`. */
  async dropBefore(number: number): Promise<void> {
    for (const file of await this.files()) {
      if (file.number < number) await rm(join(this.dir, file.name), { force: true });
    }
  }

  /** Waits for every append so far, then closes the file. */
  async close(): Promise<void> {
    await this.writes.settle();
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await promisify(close)(await handle);
  }

  private async write(lines: readonly string[]): Promise<void> {
    try {
      const fd = await this.file();
      for (const text of inPieces(lines)) await writeAll(fd, text);
      await promisify(fdatasync)(fd);
    } catch (error) {
      // A partial line may be left: later changes go to a fresh file, after it.
      this.nextFile();
      throw error;
    }
  }

  private file(): Promise<number> {
    this.handle ??= (async () => {
      const name = `changes-${String(this.number).padStart(9, "0")}.jsonl`;
      const fd = await promisify(open)(join(this.dir, name), "a", FILE_MODE);
      // Whatever the umask: the owner's only, like every data file.
      await promisify(fchmod)(fd, FILE_MODE);
      // The new file's name must survive a crash as well as its lines.
      await syncDirectory(this.dir);
      return fd;
    })();
    return this.handle;
  }

  /**
   * Starts a new file for the next write, in the same step as the choice (no write can slip
   * into the old one afterwards); the old one is closed once the write holding it is done.
   */
  private nextFile(): number {
    const old = this.handle;
    this.handle = undefined;
    this.number += 1;
    if (old) {
      const written = this.writes.underWay;
      void written
        .catch(() => undefined)
        .then(() => old)
        .then((fd) => promisify(close)(fd))
        .catch(() => undefined);
    }
    return this.number;
  }

  private async files(): Promise<{ name: string; number: number }[]> {
    const found: { name: string; number: number }[] = [];
    for (const name of await readdir(this.dir)) {
      const match = LOG_FILE.exec(name);
      if (match) found.push({ name, number: Number(match[1]) });
    }
    return found.sort((a, b) => a.number - b.number);
  }
}

/** The most characters one write of the log joins together. */
const PIECE_CHARS = 8 * 1024 * 1024;

/**
 * Lines joined into texts of at most about `PIECE_CHARS`: the changes of one tick may be a
 * restore's million documents, more than the longest string V8 makes.
 */
function* inPieces(lines: readonly string[]): Iterable<string> {
  let from = 0;
  let chars = 0;
  for (let at = 0; at < lines.length; at++) {
    chars += (lines[at] as string).length;
    if (chars < PIECE_CHARS && at < lines.length - 1) continue;
    yield lines.slice(from, at + 1).join("");
    from = at + 1;
    chars = 0;
  }
}

/** Writes the whole text at the end of the file (a write may take only part of it). */
async function writeAll(fd: number, text: string): Promise<void> {
  let bytes = Buffer.from(text);
  while (bytes.length > 0) {
    const written = await new Promise<number>((resolve, reject) =>
      write(fd, bytes, 0, bytes.length, null, (error, n) => (error ? reject(error) : resolve(n))),
    );
    bytes = bytes.subarray(written);
  }
}
