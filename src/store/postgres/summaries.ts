import { type SummaryRepository, storedSummaryId } from "../summary-repository.js";
import type { Database } from "./database.js";
import { docs, getDoc, putDocs } from "./document-table.js";
import { summaries } from "./tables.js";

/** Compiled summaries on PostgreSQL. */
export function summaryRepository(db: Database): SummaryRepository {
  return {
    get: (periodKey, areaId) => getDoc(db, summaries, storedSummaryId(periodKey, areaId)),
    save: (summary) =>
      putDocs(db, summaries, [
        { ...summary, id: storedSummaryId(summary.periodKey, summary.areaId) },
      ]),
    listPeriod: (periodKey) =>
      docs(db, "SELECT doc FROM summaries WHERE period_key = $1 ORDER BY pos", [periodKey]),
    periodsOf: async (areaId) => {
      const result = await db.query<{ period_key: string }>(
        "SELECT period_key FROM summaries WHERE area_id = $1",
        [areaId],
      );
      // Sorted as JavaScript sorts, like every adapter, whatever the database's collation.
      return result.rows.map((row) => row.period_key).sort();
    },
  };
}
