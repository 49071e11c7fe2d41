import type { StoryRepository } from "../story-repository.js";
import type { Database } from "./database.js";
import { doc, docs, getDoc, putDocs, removeDocs } from "./document-table.js";
import { stories } from "./tables.js";

/** Stories on PostgreSQL, found by status, report and broadcast through indexed columns. */
export function storyRepository(db: Database): StoryRepository {
  return {
    get: (id) => getDoc(db, stories, id),
    save: (story) => putDocs(db, stories, [story]),
    remove: (id) => removeDocs(db, stories, [id]),
    findByReport: (reportId) =>
      doc(db, "SELECT doc FROM stories WHERE report_id = $1 ORDER BY pos LIMIT 1", [reportId]),
    findByBroadcast: (broadcastId) =>
      doc(
        db,
        "SELECT doc FROM stories WHERE broadcast_ids @> ARRAY[$1]::text[] ORDER BY pos LIMIT 1",
        [broadcastId],
      ),
    listByStatus: (status) => docs(db, "SELECT doc FROM stories WHERE status = $1", [status]),
  };
}
