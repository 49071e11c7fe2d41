/** How a collection spreads its documents over files, and which lookups it keeps indexed. */
export interface CollectionLayout<T> {
  /** The document's id, unique within the collection. */
  id: (doc: T) => string;
  /** The partition (file name without `.json`) a document lives in. */
  partition: (doc: T) => string;
  /** Secondary indexes: name → the keys a document is found under. */
  indexes?: Record<string, (doc: T) => readonly string[]>;
  /**
   * Documents kept in an order: name → which documents it holds and how they compare (a total
   * order), so a reader takes the first few without sorting them all.
   */
  orders?: Record<string, { holds: (doc: T) => boolean; compare: (a: T, b: T) => number }>;
  /**
   * Changes go to an append-only log (one fsync for the changes of a tick) and the partition
   * files are rewritten only at a checkpoint, after this many logged changes: for a collection
   * changed at a high rate, whose partition files would otherwise be rewritten at every change.
   */
  changeLog?: { checkpointEvery: number };
  /** How many of the latest writes are remembered for `writtenSince`; none when absent. */
  writesKept?: number;
  /**
   * Lookups a start answers by reading only the partitions concerned, while the rest waits
   * for `readRest`: by `index` (one of `indexes`, whose keys are kept beside each partition
   * file), and by id, with `partitionOfId` (where `partition` puts the document of that id).
   * Only with a change log, which writes the partition files at checkpoints alone.
   */
  routes?: { index: string; partitionOfId: (id: string) => string };
  /**
   * Makes a document just read from its file (or its change log) share the values it repeats
   * with the others, in place (see `SharedValues`): for the collections a province holds by the
   * hundred thousand. `id` is its key in the file, a string already held.
   */
  shareValues?: (doc: T, id: string) => void;
}

/** Where a reader of a collection's writes got to (see `Collection.writtenSince`). */
export interface WriteMark {
  /** The opening of the collection the mark was made on: a mark of another means nothing. */
  opening: string;
  /** How many writes had been made then. */
  count: number;
}

/** Spreads ids over `n` files by a stable hash, so a write rewrites a small file. */
export function hashPartition<T>(n: number, key: (doc: T) => string): (doc: T) => string {
  return (doc) => hashPartitionOf(n, key(doc));
}

/** The partition `hashPartition(n, …)` puts a document with this key in. */
export function hashPartitionOf(n: number, key: string): string {
  return `p${String(fnv1a(key) % n).padStart(3, "0")}`;
}

/** Keeps every document in one file: for small reference collections. */
export function singlePartition<T>(): (doc: T) => string {
  return () => "all";
}

/** Which partitions a collection leaves in their files when it opens. */
export interface LoadOptions {
  leaveOnDisk?: (partition: string) => boolean;
  /**
   * Reads the files later, by `readRest`, rather than at load: for big collections a first
   * answer does not need. Any use before then reads what is left at once, so none sees less.
   */
  readLater?: boolean;
}

/** FNV-1a: a small, stable string hash for choosing partitions. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
