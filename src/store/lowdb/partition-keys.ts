import { readFile, stat } from "node:fs/promises";
import { writeFileAtomically } from "./atomic-json-file.js";
import { fnv1a } from "./collection-layout.js";
import type { Partition } from "./partition.js";

/**
 * Beside a partition file (`p007.json` → `p007.keys`): the keys one index finds its documents
 * under, as sorted 32-bit hashes, with the size and modification time of the partition file
 * they were taken from. A start reads these small files instead of the partitions, and reads a
 * partition only when a lookup's key may be in it (a province's first answer needs one member
 * file of 64, not all). Hashes, not the keys: 400 KB in memory for a province's 100,000 chats
 * instead of about 10 MB of strings and map entries; two keys of one hash only read one more
 * file.
 *
 * A keys file is only ever a shortcut: when it is missing, unreadable, or its partition file is
 * not the one it was taken from (written by hand, copied without its times, restored), the
 * partition is read as if there were none. The collection writes the keys of a partition it
 * rewrote before it cuts its change log, and a start that replays a log reads every file: so
 * the time (to the millisecond, as a copy keeps it) and size only need to tell a file changed
 * from outside.
 */
interface KeysFile {
  size: number;
  mtimeMs: number;
  hashes: number[];
}

/** The sorted hashes of a partition's keys. */
export type KeyHashes = Uint32Array;

function keysFileOf(partitionFile: string): string {
  return partitionFile.replace(/\.json$/, ".keys");
}

/** The hashes beside a partition file, if they were taken from the file as it is now. */
export async function readPartitionKeys(partitionFile: string): Promise<KeyHashes | undefined> {
  try {
    const [text, file] = await Promise.all([
      readFile(keysFileOf(partitionFile), "utf8"),
      stat(partitionFile),
    ]);
    const held = JSON.parse(text) as Partial<KeysFile>;
    const current =
      held.size === file.size &&
      typeof held.mtimeMs === "number" &&
      Math.abs(held.mtimeMs - file.mtimeMs) < 1 &&
      Array.isArray(held.hashes) &&
      held.hashes.every((hash) => Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32);
    return current ? Uint32Array.from(held.hashes as number[]).sort() : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the keys of a partition file as it is on disk now. */
export async function writePartitionKeys(
  partitionFile: string,
  keys: Iterable<string>,
): Promise<void> {
  const file = await stat(partitionFile);
  const hashes = [...new Set([...keys].map(fnv1a))].sort((a, b) => a - b);
  const held: KeysFile = { size: file.size, mtimeMs: file.mtimeMs, hashes };
  await writeFileAtomically(keysFileOf(partitionFile), JSON.stringify(held));
}

/** True when the sorted hashes may hold `key`. */
export function mayHold(hashes: KeyHashes, key: string): boolean {
  const hash = fnv1a(key);
  let low = 0;
  let high = hashes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((hashes[middle] as number) < hash) low = middle + 1;
    else high = middle;
  }
  return hashes[low] === hash;
}

/**
 * The partitions of a routed collection whose keys files are due: rewritten since, or read
 * without a current one. A keys file that fails to be written stays due; until then it costs
 * only a start that reads its partition at once.
 */
export class StaleKeys<T> {
  private readonly stale = new Set<Partition<T>>();

  /** `keysOf`: the routed index's keys of a document; none for a collection not routed. */
  constructor(private readonly keysOf: ((doc: T) => readonly string[]) | undefined) {}

  add(partition: Partition<T>): void {
    if (this.keysOf) this.stale.add(partition);
  }

  /** Writes the keys files due, each of its partition's file as it is on disk now. */
  async write(): Promise<void> {
    const keysOf = this.keysOf;
    if (!keysOf) return;
    const due = [...this.stale];
    this.stale.clear();
    await Promise.all(
      due.map(async (partition) => {
        const keys = new Set<string>();
        for (const doc of Object.values(partition.docs))
          for (const key of keysOf(doc)) keys.add(key);
        await writePartitionKeys(partition.file, keys).catch(() => {
          this.stale.add(partition);
        });
      }),
    );
  }
}
