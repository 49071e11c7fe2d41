import type { DialogRepository, StoredDialog } from "../dialog-repository.js";
import { hashPartition } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";

/**
 * Logged changes between two rewrites of the changed partitions: every step of every
 * conversation saves its draft, so a 300-head reporting storm (3,600 steps) rewrites the
 * drafts' files about once, and a start after a crash replays at most this many lines.
 */
const CHECKPOINT_EVERY = 5_000;

/** Dialog drafts on lowdb, spread over 16 files by member. */
export async function openDialogs(open: CollectionOpener): Promise<DialogRepository> {
  const dialogs = await open<StoredDialog>("dialogs", {
    id: (d) => d.memberId,
    partition: hashPartition(16, (d) => d.memberId),
    // Saved at every step: appended to a log, one fsync for the steps of a tick, instead of
    // rewriting a partition file (and syncing its folder) per step.
    changeLog: { checkpointEvery: CHECKPOINT_EVERY },
  });
  return {
    get: async (memberId) => dialogs.get(memberId),
    save: (dialog) => dialogs.put(dialog),
    saveNext: async (dialog) => {
      const stored = dialogs.get(dialog.memberId);
      const expected = stored ? (stored.revision ?? 0) + 1 : 0;
      if ((dialog.revision ?? 0) !== expected) return false;
      await dialogs.put({ ...dialog, revision: expected });
      return true;
    },
    delete: (memberId) => dialogs.remove(memberId),
  };
}
