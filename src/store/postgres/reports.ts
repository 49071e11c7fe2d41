import { type HamletReport, receiptOf, receiptSequence, reportId } from "../../domain/report.js";
import type { ReportRepository } from "../report-repository.js";
import { nextValue } from "./coordination.js";
import type { Database } from "./database.js";
import { docs, getDoc, lockDoc, putDocs, removeDocs } from "./document-table.js";
import { criteriaStatus, reopenedWeeks, reportHistory, reports, stories } from "./tables.js";

const ALL_REPORTS = "SELECT doc FROM reports ORDER BY pos";

/** A snapshot as PostgreSQL writes it (`xmin:xmax:xip,…`), the marks `changedSince` hands out. */
const SNAPSHOT = /^\d+:\d+:[\d,]*$/;

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
    listAll: () => docs(db, ALL_REPORTS),
    changedSince: (mark) =>
      db.transaction(async (tx) => {
        // One snapshot for both statements: the mark covers exactly the rows read.
        await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        const now = await tx.query<{ mark: string }>("SELECT pg_current_snapshot()::text AS mark");
        const next = now.rows[0]?.mark ?? "";
        if (mark === undefined || !SNAPSHOT.test(mark)) {
          return { mark: next, everything: true, reports: await docs(tx, ALL_REPORTS) };
        }
        // A transaction the last snapshot did not see has an id at or past its xmin: the
        // index finds those rows, the snapshot tells which of them it saw.
        const changed = await docs<HamletReport>(
          tx,
          `SELECT doc FROM reports
            WHERE written_by >= pg_snapshot_xmin($1::pg_snapshot)
              AND NOT pg_visible_in_snapshot(written_by, $1::pg_snapshot)
            ORDER BY pos`,
          [mark],
        );
        return { mark: next, everything: false, reports: changed };
      }),
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
