import type { DialogRepository, StoredDialog } from "../dialog-repository.js";
import { hashPartition } from "./collection.js";
import type { CollectionOpener } from "./collection-opener.js";

/** Dialog drafts on lowdb, spread over 16 files by member. */
export async function openDialogs(open: CollectionOpener): Promise<DialogRepository> {
  const dialogs = await open<StoredDialog>("dialogs", {
    id: (d) => d.memberId,
    partition: hashPartition(16, (d) => d.memberId),
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
