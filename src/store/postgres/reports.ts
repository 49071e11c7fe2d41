import { type HamletReport, reportId } from "../../domain/report.js";
import type { ReportRepository } from "../report-repository.js";
import type { Database } from "./database.js";
import { docs, getDoc, lockDoc, putDocs } from "./document-table.js";
import { reopenedWeeks, reportHistory, reports } from "./tables.js";

/**
 * Reports on PostgreSQL: the counted version in `reports`, earlier ones in `report_history`,
 * moved there in the transaction that stores the next version.
 */
export function reportRepository(db: Database): ReportRepository {
  return {
    get: (hamletId, week) => getDoc(db, reports, reportId(hamletId, week)),
    save: (report) =>
      db.transaction(async (tx) => {
        const previous = await lockDoc(tx, reports, report.id);
        const newVersion = !previous || report.version === previous.version + 1;
        const sameVersion =
          previous?.version === report.version && previous.receipt === report.receipt;
        if (!newVersion && !sameVersion) return false;
        if (previous && newVersion) await putDocs(tx, reportHistory, [previous]);
        await putDocs(tx, reports, [report]);
        return true;
      }),
    listWeek: (week) => docs(db, "SELECT doc FROM reports WHERE week = $1 ORDER BY pos", [week]),
    listAll: () => docs(db, "SELECT doc FROM reports ORDER BY pos"),
    listByAuthor: (memberId) =>
      docs(db, "SELECT doc FROM reports WHERE author_id = $1 ORDER BY pos", [memberId]),
    history: (hamletId, week) =>
      docs<HamletReport>(
        db,
        "SELECT doc FROM report_history WHERE report_id = $1 ORDER BY version",
        [reportId(hamletId, week)],
      ),
    reopen: (hamletId, week, by, at) =>
      putDocs(db, reopenedWeeks, [{ id: reportId(hamletId, week), hamletId, week, by, at }]),
    isReopened: async (hamletId, week) =>
      (await getDoc(db, reopenedWeeks, reportId(hamletId, week))) !== undefined,
  };
}
