import { type HamletReport, receiptOf, receiptSequence, reportId } from "../../domain/report.js";
import type { ReportRepository, ReportSubmission } from "../report-repository.js";
import { hashPartition, type WriteMark } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";
import { SharedValues } from "./shared-values.js";
import type { Changes, UnitsOfWork } from "./unit-of-work.js";

/**
 * The collections a submission writes besides the reports' own, by the names they are opened
 * under, with how their documents are shaped there.
 */
const SUBMISSION_TARGETS = {
  sequences: "sequences",
  criteria: "criteria-status",
  stories: "stories",
} as const;

/**
 * Report writes remembered for `changedSince`: far more than are filed between two questions
 * to a summary; a reader further behind reads every report again.
 */
const WRITES_KEPT = 10_000;

/** A mark handed out by `changedSince`; anything else reads as a mark of no opening. */
function readMark(text: string): WriteMark {
  try {
    const mark = JSON.parse(text) as Partial<WriteMark>;
    if (typeof mark.opening === "string" && typeof mark.count === "number") {
      return { opening: mark.opening, count: mark.count };
    }
  } catch {
    // Not a mark of this store: read as none.
  }
  return { opening: "", count: 0 };
}

interface ReopenDoc {
  id: string;
  hamletId: string;
  week: string;
  by: string;
  at: string;
}

/** What a province's reports repeat: the hamlet, its groups and lists, most of them empty. */
function sharingReportValues(shared: SharedValues): (report: HamletReport) => void {
  return (r) => {
    r.hamletId = shared.text(r.hamletId);
    r.groups = shared.list(r.groups);
    r.criteriaClaimed = shared.list(r.criteriaClaimed);
    r.photos = shared.list(r.photos);
    if (r.voiceNotes) r.voiceNotes = shared.list(r.voiceNotes);
  };
}

/**
 * Reports on lowdb: current versions in one file per week, earlier versions in a history file
 * per week, so filing a report rewrites only that week's files.
 */
export async function openReports(
  open: CollectionOpener,
  units: UnitsOfWork,
  sequenceValue: (name: string) => number,
): Promise<ReportRepository> {
  const shareValues = sharingReportValues(new SharedValues());
  const current = await open<HamletReport>(
    "reports",
    {
      id: (r) => r.id,
      partition: (r) => r.week,
      indexes: { week: (r) => [r.week], author: (r) => [r.authorId] },
      writesKept: WRITES_KEPT,
      // Its id is its key in the file: the same string, held once.
      shareValues: (r, id) => {
        r.id = id;
        shareValues(r);
      },
    },
    { readLater: true },
  );
  const history = await open<HamletReport>(
    "report-history",
    {
      id: (r) => `${r.id}#${r.version}`,
      partition: (r) => r.week,
      indexes: { report: (r) => [r.id] },
      shareValues,
    },
    { readLater: true },
  );
  const reopened = await open<ReopenDoc>("reopened-weeks", {
    id: (r) => r.id,
    partition: hashPartition(4, (r) => r.week),
  });
  return {
    get: async (hamletId, week) => current.get(reportId(hamletId, week)),
    save: (report) =>
      units.run(() => {
        const previous = current.get(report.id);
        const newVersion = !previous || report.version === previous.version + 1;
        const sameVersion =
          previous?.version === report.version && previous.receipt === report.receipt;
        if (!newVersion && !sameVersion) return { result: false };
        const docs = previous && newVersion ? [previous] : [];
        return {
          changes: {
            puts: [
              { collection: "reports", docs: [report] },
              { collection: "report-history", docs },
            ],
            removes: [],
          },
          result: true,
        };
      }),
    submit: (submission) =>
      units.run(() => {
        const previous = current.get(submission.report.id);
        if (submission.report.version !== (previous ? previous.version + 1 : 0)) {
          return { result: undefined };
        }
        const { week } = submission.report;
        const sequence = {
          name: receiptSequence(week),
          value: sequenceValue(receiptSequence(week)) + 1,
        };
        const report: HamletReport = {
          ...submission.report,
          receipt: receiptOf(week, sequence.value),
        };
        return {
          changes: submissionChanges(submission, report, previous, sequence),
          result: report,
        };
      }),
    listWeek: async (week) => current.find("week", week),
    listAll: async () => current.all(),
    changedSince: async (mark) => {
      const next = current.writeMark();
      const ids = mark === undefined ? undefined : current.writtenSince(readMark(mark));
      if (!ids) return { mark: JSON.stringify(next), everything: true, reports: current.all() };
      const reports = [...ids].flatMap((id) => current.get(id) ?? []);
      return { mark: JSON.stringify(next), everything: false, reports };
    },
    listByAuthor: async (memberId) => current.find("author", memberId),
    history: async (hamletId, week) =>
      history.find("report", reportId(hamletId, week)).sort((a, b) => a.version - b.version),
    reopen: (hamletId, week, by, at) =>
      reopened.put({ id: reportId(hamletId, week), hamletId, week, by, at }),
    isReopened: async (hamletId, week) => reopened.get(reportId(hamletId, week)) !== undefined,
  };
}

function submissionChanges(
  submission: ReportSubmission,
  report: HamletReport,
  previous: HamletReport | undefined,
  sequence: { name: string; value: number },
): Changes {
  const { nomination } = submission;
  return {
    puts: [
      { collection: "reports", docs: [report] },
      { collection: "report-history", docs: previous ? [previous] : [] },
      { collection: SUBMISSION_TARGETS.sequences, docs: [sequence] },
      { collection: SUBMISSION_TARGETS.criteria, docs: submission.criteria },
      {
        collection: SUBMISSION_TARGETS.stories,
        docs: nomination && "save" in nomination ? [nomination.save] : [],
      },
    ],
    removes: [
      {
        collection: SUBMISSION_TARGETS.stories,
        ids: nomination && "remove" in nomination ? [nomination.remove] : [],
      },
    ],
  };
}
