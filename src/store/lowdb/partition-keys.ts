import { readFile, stat } from "node:fs/promises";
import { writeFileAtomically } from "./atomic-json-file.js";

/**
 * Beside a partition file (`p007.json` → `p007.keys`): the keys one index finds its documents
 * under, with the size and modification time of the partition file they were taken from. A
 * start reads these small files instead of the partitions, and reads a partition only when a
 * lookup's key is in it (a province's first answer needs one member file of 64, not all).
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
  keys: string[];
}

function keysFileOf(partitionFile: string): string {
  return partitionFile.replace(/\.json$/, ".keys");
}

/** The keys beside a partition file, if they were taken from the file as it is now. */
export async function readPartitionKeys(partitionFile: string): Promise<string[] | undefined> {
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
      Array.isArray(held.keys) &&
      held.keys.every((key) => typeof key === "string");
    return current ? held.keys : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the keys of a partition file as it is on disk now. */
export async function writePartitionKeys(partitionFile: string, keys: string[]): Promise<void> {
  const file = await stat(partitionFile);
  const held: KeysFile = { size: file.size, mtimeMs: file.mtimeMs, keys };
  await writeFileAtomically(keysFileOf(partitionFile), JSON.stringify(held));
}
