import { type HamletReport, receiptOf, receiptSequence, reportId } from "../../domain/report.js";
import type { ReportRepository } from "../report-repository.js";
import { nextValue } from "./coordination.js";
import type { Database } from "./database.js";
import { docs, getDoc, lockDoc, putDocs, removeDocs } from "./document-table.js";
import { criteriaStatus, reopenedWeeks, reportHistory, reports, stories } from "./tables.js";

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
    submit: (submission) =>
      db.transaction(async (tx) => {
        const previous = await lockDoc(tx, reports, submission.report.id);
        if (submission.report.version !== (previous ? previous.version + 1 : 0)) return undefined;
        const { week } = submission.report;
        // Drawn inside the transaction: a submission that fails takes no number.
        const number = await nextValue(tx, receiptSequence(week));
        const report: HamletReport = { ...submission.report, receipt: receiptOf(week, number) };
        if (previous) await putDocs(tx, reportHistory, [previous]);
        await putDocs(tx, reports, [report]);
        await putDocs(tx, criteriaStatus, submission.criteria);
        const { nomination } = submission;
        if (nomination && "save" in nomination) await putDocs(tx, stories, [nomination.save]);
        if (nomination && "remove" in nomination) {
          await removeDocs(tx, stories, [nomination.remove]);
        }
        return report;
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
