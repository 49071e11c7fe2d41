import { type HamletReport, reportId } from "../../domain/report.js";
import type { ReportRepository } from "../report-repository.js";
import { hashPartition } from "./collection.js";
import type { CollectionOpener } from "./collection-opener.js";

interface ReopenDoc {
  id: string;
  hamletId: string;
  week: string;
  by: string;
  at: string;
}

/**
 * Reports on lowdb: current versions in one file per week, earlier versions in a history file
 * per week, so filing a report rewrites only that week's files.
 */
export async function openReports(open: CollectionOpener): Promise<ReportRepository> {
  const current = await open<HamletReport>("reports", {
    id: (r) => r.id,
    partition: (r) => r.week,
    indexes: { week: (r) => [r.week], author: (r) => [r.authorId] },
  });
  const history = await open<HamletReport>("report-history", {
    id: (r) => `${r.id}#${r.version}`,
    partition: (r) => r.week,
    indexes: { report: (r) => [r.id] },
  });
  const reopened = await open<ReopenDoc>("reopened-weeks", {
    id: (r) => r.id,
    partition: hashPartition(4, (r) => r.week),
  });
  return {
    get: async (hamletId, week) => current.get(reportId(hamletId, week)),
    save: async (report) => {
      const previous = current.get(report.id);
      const newVersion = !previous || report.version === previous.version + 1;
      const sameVersion =
        previous?.version === report.version && previous.receipt === report.receipt;
      if (!newVersion && !sameVersion) return false;
      const keep = previous && newVersion ? [history.put(previous)] : [];
      await Promise.all([current.put(report), ...keep]);
      return true;
    },
    listWeek: async (week) => current.find("week", week),
    listAll: async () => current.all(),
    listByAuthor: async (memberId) => current.find("author", memberId),
    history: async (hamletId, week) =>
      history.find("report", reportId(hamletId, week)).sort((a, b) => a.version - b.version),
    reopen: (hamletId, week, by, at) =>
      reopened.put({ id: reportId(hamletId, week), hamletId, week, by, at }),
    isReopened: async (hamletId, week) => reopened.get(reportId(hamletId, week)) !== undefined,
  };
}
