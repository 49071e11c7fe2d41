import { isEmptyDataDir, type LowStore } from "./lowdb/lowdb-store.js";
import { openStoreForCommand } from "./open-store.js";
import type { Snapshot } from "./snapshot.js";
import type { Store } from "./store.js";

/** Why a snapshot was not loaded. */
export type SnapshotRefusal =
  | { reason: "bot-running" }
  | { reason: "not-empty" }
  | { reason: "not-a-backup" }
  | { reason: "newer-version"; detail: string };

/**
 * Loads a snapshot into an empty data folder. Refuses while a bot runs on the folder or when
 * it already holds data, so a restore never mixes two states. `beforeLoad` runs once every
 * check has passed and before any record is written (the files of the backup go first: once
 * the records are in, the folder no longer counts as empty).
 */
export async function restoreSnapshot<T>(
  dataDir: string,
  snapshot: Snapshot,
  beforeLoad: () => Promise<T>,
): Promise<({ ok: true } & { before: T }) | ({ ok: false } & SnapshotRefusal)> {
  const opened = await openStoreForCommand(dataDir);
  try {
    if (opened.mode !== "owner" || !isLowStore(opened.store)) {
      return { ok: false, reason: "bot-running" };
    }
    if (!(await isEmptyDataDir(dataDir))) return { ok: false, reason: "not-empty" };
    const current = opened.store.snapshot();
    if (snapshot.schemaVersion > current.schemaVersion) {
      return { ok: false, reason: "newer-version", detail: String(snapshot.schemaVersion) };
    }
    const unknown = Object.keys(snapshot.collections).find(
      (name) => !(name in current.collections),
    );
    if (unknown !== undefined) return { ok: false, reason: "not-a-backup" };
    const before = await beforeLoad();
    await opened.store.load(snapshot);
    return { ok: true, before };
  } finally {
    await opened.close();
  }
}

/** True for the lowdb store of a data folder this process owns: it can take and load snapshots. */
export function isLowStore(store: Store): store is LowStore {
  return typeof (store as Partial<LowStore>).load === "function";
}
