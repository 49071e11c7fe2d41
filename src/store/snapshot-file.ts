import { type FileHandle, open, stat } from "node:fs/promises";
import { z } from "zod";
import { writeFileAtomically } from "./lowdb/atomic-json-file.js";
import type { Snapshot, SnapshotInBatches } from "./snapshot.js";

/*
 * A backup file is one JSON value, `{"format":"chung-suc-backup",…,"collections":{…}}`, laid
 * out one document a line, so that a store of a million documents is never one string (V8
 * refuses strings past ~512 MB, and building one blocks the event loop for seconds):
 *
 *   {"format":"chung-suc-backup","schemaVersion":3,"createdAt":"…","collections":{
 *   "units":[
 *   {…},
 *   {…}
 *   ],
 *   "members":[
 *   ]
 *   }}
 *
 * Backups written before were the same value on one line; they are still read, whole.
 */

/** What ends the first line of a backup laid out a document a line. */
const COLLECTIONS_OPEN = ',"collections":{';

/** About this much goes to the file, or comes from it, at a time: the event loop turns between. */
const PIECE = 1 << 20;

/** Enough of the file's start to hold the first line of a backup laid out a document a line. */
const HEADER_BYTES = 1024;

/** No document is near this long; a longer line is not a backup, and no string to build. */
const LONGEST_LINE = 2 ** 28;

/**
 * Writes a snapshot to `file` atomically and durably (mode 0600), a document a line, about
 * 1 MB at a time, letting the event loop turn between writes (and while a batch of documents
 * is read); returns the file's size. The snapshot's documents must not change meanwhile (the
 * stores hand out frozen ones).
 */
export async function writeSnapshotFile(
  file: string,
  snapshot: Snapshot | SnapshotInBatches,
): Promise<number> {
  await writeFileAtomically(file, snapshotText(snapshot));
  return (await stat(file)).size;
}

/** The text of a backup file, in pieces of about `PIECE`, each made when asked for. */
async function* snapshotText(snapshot: Snapshot | SnapshotInBatches): AsyncGenerator<string> {
  const { format, schemaVersion, createdAt } = snapshot;
  const header = JSON.stringify({ format, schemaVersion, createdAt });
  let text = `${header.slice(0, -1)}${COLLECTIONS_OPEN}\n`;
  const names = Object.keys(snapshot.collections);
  for (const [n, name] of names.entries()) {
    const docs = snapshot.collections[name] ?? [];
    text += `${JSON.stringify(name)}:[\n`;
    // Every document but a collection's last is followed by a comma: each waits for the next.
    let line: string | undefined;
    for await (const batch of Array.isArray(docs) ? [docs] : docs) {
      for (const doc of batch) {
        if (line !== undefined) text += `${line},\n`;
        line = JSON.stringify(doc);
        if (text.length >= PIECE) {
          yield text;
          text = "";
        }
      }
    }
    if (line !== undefined) text += `${line}\n`;
    text += n < names.length - 1 ? "],\n" : "]\n";
  }
  yield `${text}}}\n`;
}

/** Why a backup file was not read. */
export type SnapshotFileRefusal =
  | { reason: "unreadable"; detail: string }
  | { reason: "not-a-backup" };

/**
 * Reads and checks a backup file, a line at a time (one written before, on one line, whole);
 * nothing is written. A file cut short or damaged anywhere is not a backup: it is refused
 * whole, never read in part.
 */
export async function readSnapshotFile(
  file: string,
): Promise<{ ok: true; snapshot: Snapshot } | ({ ok: false } & SnapshotFileRefusal)> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    return unreadable(error);
  }
  try {
    const snapshot = (await isLaidOutInLines(handle))
      ? await readLines(handle)
      : await readWhole(handle);
    return { ok: true, snapshot };
  } catch (error) {
    if (error instanceof NotABackup) return { ok: false, reason: "not-a-backup" };
    if ((error as NodeJS.ErrnoException).code !== undefined) return unreadable(error);
    throw error;
  } finally {
    await handle.close();
  }
}

function unreadable(error: unknown): { ok: false; reason: "unreadable"; detail: string } {
  return { ok: false, reason: "unreadable", detail: (error as NodeJS.ErrnoException).code ?? "" };
}

/** Thrown while reading a file that turns out not to be a (whole) backup. */
class NotABackup extends Error {}

const headerSchema = z.object({
  format: z.literal("chung-suc-backup"),
  schemaVersion: z.number().int().positive(),
  createdAt: z.string(),
});

const documentSchema = z.record(z.string(), z.unknown());

const snapshotSchema = headerSchema.extend({
  collections: z.record(z.string(), z.array(documentSchema)),
});

/** Whether the file's first line is that of a backup laid out a document a line. */
async function isLaidOutInLines(handle: FileHandle): Promise<boolean> {
  const start = Buffer.alloc(HEADER_BYTES);
  const { bytesRead } = await handle.read(start, 0, HEADER_BYTES, 0);
  const text = start.subarray(0, bytesRead).toString("utf8");
  const end = text.indexOf("\n");
  return end !== -1 && text.slice(0, end).endsWith(COLLECTIONS_OPEN);
}

/** A backup written before backups were laid out in lines: one line, read whole. */
async function readWhole(handle: FileHandle): Promise<Snapshot> {
  const parsed = snapshotSchema.safeParse(parseJson(await handle.readFile("utf8")));
  if (!parsed.success) throw new NotABackup();
  return parsed.data as Snapshot;
}

/** A backup laid out a document a line, read a line at a time. */
async function readLines(handle: FileHandle): Promise<Snapshot> {
  const lines = linesOf(handle);
  try {
    const next = async (): Promise<string> => {
      const line = await lines.next();
      if (line.done) throw new NotABackup();
      return line.value;
    };
    const first = await next();
    const header = headerSchema.safeParse(
      parseJson(`${first.slice(0, -COLLECTIONS_OPEN.length)}}`),
    );
    if (!header.success) throw new NotABackup();
    const collections = new Map<string, Record<string, unknown>[]>();
    let line = await next();
    for (let more = line !== "}}"; more; line = await next()) {
      const name = line.endsWith(":[") ? parseJson(line.slice(0, -2)) : undefined;
      if (typeof name !== "string" || collections.has(name)) throw new NotABackup();
      const docs: Record<string, unknown>[] = [];
      collections.set(name, docs);
      line = await next();
      // Every document but a collection's last is followed by a comma.
      for (let another = line !== "]" && line !== "],"; another; line = await next()) {
        another = line.endsWith(",");
        const doc = documentSchema.safeParse(parseJson(another ? line.slice(0, -1) : line));
        if (!doc.success) throw new NotABackup();
        docs.push(doc.data);
      }
      if (line !== "]" && line !== "],") throw new NotABackup();
      more = line === "],";
    }
    // The closing line, and nothing after it: a file cut short ends before it.
    if (line !== "}}" || !(await lines.next()).done) throw new NotABackup();
    const { format, schemaVersion, createdAt } = header.data;
    return { format, schemaVersion, createdAt, collections: Object.fromEntries(collections) };
  } finally {
    // Stops reading ahead before the file is closed.
    await lines.return(undefined);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotABackup();
  }
}

/** The file's lines, without their "\n", read about 1 MB at a time. */
async function* linesOf(handle: FileHandle): AsyncGenerator<string> {
  const stream = handle.createReadStream({
    encoding: "utf8",
    start: 0,
    autoClose: false,
    highWaterMark: PIECE,
  });
  let pieces: string[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (let end = chunk.indexOf("\n"); end !== -1; end = chunk.indexOf("\n", start)) {
      pieces.push(chunk.slice(start, end));
      yield pieces.join("");
      pieces = [];
      length = 0;
      start = end + 1;
    }
    length += chunk.length - start;
    if (length > LONGEST_LINE) throw new NotABackup();
    if (start < chunk.length) pieces.push(chunk.slice(start));
  }
  if (pieces.length > 0) yield pieces.join("");
}
