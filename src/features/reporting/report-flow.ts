import type { Flow } from "../member-dialogs.js";
import { removePhotos } from "./photo-storage.js";
import { goodDeedPhoto, reportPhotos, reportVoiceNotes, routeReport } from "./report-answers.js";
import { loadReportData, type ReportData } from "./report-data.js";
import { reportStep, reportSteps } from "./report-steps.js";
import { submitReport } from "./report-submission.js";

/** The id of the weekly report flow. */
export const REPORT_FLOW_ID = "report";

/**
 * The hamlet head's weekly report as a flow: the groups that happened, the numbers of those
 * groups only (one step per field of the shipped data), one "anything else?" menu, a review
 * of every answer as understood, then the report is filed and a receipt given.
 */
export const reportFlow: Flow<ReportData> = {
  id: REPORT_FLOW_ID,
  restart: { key: "report:restart" },
  load: (ctx, _context, answers) => loadReportData(ctx, answers),
  steps: reportSteps,
  step: reportStep,
  route: (env) => routeReport(env.data, env.answers),
  finish: submitReport,
  discard: async (ctx, answers) => {
    const photo = goodDeedPhoto(answers);
    await removePhotos(ctx.deps.store.files, [
      ...reportPhotos(answers),
      ...(photo ? [photo] : []),
      ...reportVoiceNotes(answers),
    ]);
  },
};
