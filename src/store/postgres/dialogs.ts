import type { DialogRepository } from "../dialog-repository.js";
import type { Database } from "./database.js";
import { getDoc, lockDoc, putDocs, removeDocs } from "./document-table.js";
import { dialogs } from "./tables.js";

/** Dialog drafts on PostgreSQL; `saveNext` decides while holding the member's draft. */
export function dialogRepository(db: Database): DialogRepository {
  return {
    get: (memberId) => getDoc(db, dialogs, memberId),
    save: (dialog) => putDocs(db, dialogs, [dialog]),
    saveNext: (dialog) =>
      db.transaction(async (tx) => {
        const stored = await lockDoc(tx, dialogs, dialog.memberId);
        const expected = stored ? (stored.revision ?? 0) + 1 : 0;
        if ((dialog.revision ?? 0) !== expected) return false;
        await putDocs(tx, dialogs, [{ ...dialog, revision: expected }]);
        return true;
      }),
    delete: (memberId) => removeDocs(db, dialogs, [memberId]),
  };
}
