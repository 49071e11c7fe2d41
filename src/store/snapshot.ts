/** What a backup file holds: every document of every collection, at one instant. */
export interface Snapshot {
  format: "chung-suc-backup";
  schemaVersion: number;
  createdAt: string;
  collections: Record<string, unknown[]>;
}

/**
 * A snapshot handed out a batch of documents at a time, some read after its instant (the lowdb
 * store's history, read from its files while the backup is written): still every document as
 * it was at that instant.
 */
export interface SnapshotInBatches extends Omit<Snapshot, "collections"> {
  collections: Record<string, AsyncIterable<readonly unknown[]>>;
}

/** A store that can be filled from a snapshot: only the owner of the data, never a guest. */
export interface SnapshotTarget {
  /** Every document of every collection, taken in one tick, so it is consistent. */
  snapshot(now?: Date): Snapshot;
  /** Loads a snapshot into this (empty) store. */
  load(snapshot: Snapshot): Promise<void>;
}
