/** What a backup file holds: every document of every collection, at one instant. */
export interface Snapshot {
  format: "chung-suc-backup";
  schemaVersion: number;
  createdAt: string;
  collections: Record<string, unknown[]>;
}

/** A store that can be filled from a snapshot: only the owner of the data, never a guest. */
export interface SnapshotTarget {
  /** Every document of every collection, taken in one tick, so it is consistent. */
  snapshot(now?: Date): Snapshot;
  /** Loads a snapshot into this (empty) store. */
  load(snapshot: Snapshot): Promise<void>;
}
