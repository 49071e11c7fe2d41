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
    delete: (memberId) => dialogs.remove(memberId),
  };
}
