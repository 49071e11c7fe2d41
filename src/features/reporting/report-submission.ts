import type { FinishOutcome } from "../../dialog/flow.js";
import type { CriterionStatus } from "../../domain/criteria.js";
import { localTime, pad } from "../../domain/local-time.js";
import { type GoodDeed, type HamletReport, reportId } from "../../domain/report.js";
import { isOpenForHead, lateness } from "../../domain/report-window.js";
import { unitInlineLabel } from "../../reference/labels.js";
import { formatWeek } from "../../render/format.js";
import type { ReportSubmission } from "../../store/report-repository.js";
import type { Store } from "../../store/store.js";
import type { AppDeps } from "../app-deps.js";
import type { FlowEnv } from "../member-dialogs.js";
import { nominationChange } from "../stories/nominations.js";
import { headsHamlet } from "./head-hamlets.js";
import {
  criteriaAnswer,
  fieldAnswer,
  goodDeedPhoto,
  pickedFields,
  pickedGroups,
  reportPhotos,
  reportVoiceNotes,
  STEP,
  textAnswer,
} from "./report-answers.js";
import type { ReportData } from "./report-data.js";

/** How many times filing is tried again when the same week was filed in between. */
const MAX_FILING_ATTEMPTS = 3;

/**
 * Files the report: checks again that the member heads the hamlet and that the week is still
 * open to them, then stores in one unit of work the report (replacing, and keeping in
 * history, an earlier one for the same week, under the week's next receipt number), the
 * criteria it claims and its good deed's nomination, and only then gives the receipt. The
 * draft goes once the receipt is sent: a draft filed already gives back its report's receipt.
 */
export async function submitReport(env: FlowEnv<ReportData>): Promise<FinishOutcome> {
  const { ctx, data, answers } = env;
  const { store, config } = ctx.deps;
  const { locale } = ctx;
  const { hamlet, week } = data;
  if (!hamlet || !week || !headsHamlet(ctx.member, hamlet.id)) {
    return { kind: "refused", reason: { key: "report:refusal.notHead" }, keepDraft: false };
  }
  const filing = `${ctx.member.id}@${env.draft}`;
  const stored = await store.reports.get(hamlet.id, week);
  if (stored?.filing === filing) {
    // Filed already, its receipt cut short by a crash: the same receipt, not a new version.
    const replaced = (await store.reports.history(hamlet.id, week)).at(-1);
    return receiptMessage(env, stored, replaced);
  }
  const now = ctx.deps.now();
  const reopened = await store.reports.isReopened(hamlet.id, week);
  if (isOpenForHead(week, now, config.timeZone, reopened) === "closed") {
    return {
      kind: "refused",
      reason: { key: "report:refusal.weekClosed", params: { week: formatWeek(locale, week) } },
      keepDraft: false,
    };
  }

  const values: Record<string, number> = {};
  for (const field of pickedFields(data, answers)) {
    const answer = fieldAnswer(answers, field);
    if (answer) values[field.id] = answer.value;
  }
  const offered = new Set(data.unmetCriteria.map((c) => c.id));
  const goodDeedText = textAnswer(answers, STEP.goodDeed);
  const photo = goodDeedPhoto(answers);
  const goodDeed: GoodDeed | undefined = goodDeedText
    ? {
        text: goodDeedText,
        consent: answers[STEP.goodDeedConsent] === true,
        ...(photo ? { photo } : {}),
      }
    : undefined;
  const difficulties = textAnswer(answers, STEP.difficulties);
  const voiceNotes = reportVoiceNotes(answers);
  const fileVersion = (previous: HamletReport | undefined): FiledReport => ({
    id: reportId(hamlet.id, week),
    hamletId: hamlet.id,
    week,
    authorId: ctx.member.id,
    groups: pickedGroups(data, answers).map((g) => g.id),
    values,
    criteriaClaimed: criteriaAnswer(answers).filter((id) => offered.has(id)),
    ...(goodDeed ? { goodDeed } : {}),
    ...(difficulties ? { difficulties } : {}),
    photos: reportPhotos(answers),
    ...(voiceNotes.length > 0 ? { voiceNotes } : {}),
    submittedAt: now.toISOString(),
    late: lateness(week, now, config.timeZone),
    review: "submitted",
    version: previous ? previous.version + 1 : 0,
    filing,
  });
  const today = localDate(now, config.timeZone);
  let previous = stored;
  let report: HamletReport | undefined;
  // The same week filed meanwhile from another chat: this one follows it as the next version.
  for (let attempt = 1; ; attempt++) {
    const filed = fileVersion(previous);
    report = await store.reports.submit({
      report: filed,
      criteria: await claimChanges(store, filed, previous, today),
      ...(await nominationOf(ctx.deps, filed, now)),
    });
    if (report) break;
    if (attempt >= MAX_FILING_ATTEMPTS) throw new Error(`report ${filed.id} kept changing`);
    previous = await store.reports.get(hamlet.id, week);
  }

  return receiptMessage(env, report, previous);
}

/** The receipt of a report filed, naming the one it replaced. */
function receiptMessage(
  env: FlowEnv<ReportData>,
  report: HamletReport,
  previous: HamletReport | undefined,
): FinishOutcome {
  const { t, locale } = env.ctx;
  const hamlet = env.data.hamlet;
  const params = {
    week: formatWeek(locale, report.week),
    hamlet: hamlet ? unitInlineLabel(t, locale, hamlet) : report.hamletId,
    receipt: report.receipt,
    previous: previous?.receipt ?? "",
  };
  const lines = [t("report:receipt.done", params)];
  if (report.late) lines.push(t("report:receipt.late"));
  if (previous) lines.push(t("report:receipt.replaced", params));
  return { kind: "done", message: { text: lines.join("\n") } };
}

/** A report as the head files it, before the store gives it its receipt. */
type FiledReport = ReportSubmission["report"];

/**
 * The nomination of the report's good deed, filed with it. A failure to read the library
 * never fails the report (the head's receipt does not wait on it): the nomination is caught
 * up the next time a broadcaster opens `/stories pending`.
 */
async function nominationOf(
  deps: AppDeps,
  report: FiledReport,
  now: Date,
): Promise<Pick<ReportSubmission, "nomination">> {
  try {
    const { change } = await nominationChange(deps.store, report, now);
    return change ? { nomination: change } : {};
  } catch (error) {
    deps.logger.error({ err: error, reportId: report.id }, "stories: a nomination was not read");
    return {};
  }
}

/**
 * The criteria a report claims, marked "claimed" (an official confirms them later), and those
 * only an earlier version of the same report had claimed, returned to "unmet".
 */
async function claimChanges(
  store: Store,
  report: FiledReport,
  previous: HamletReport | undefined,
  today: string,
): Promise<CriterionStatus[]> {
  const statuses = new Map(
    (await store.criteria.statuses(report.hamletId)).map((s) => [s.criterionId, s]),
  );
  const changes: CriterionStatus[] = report.criteriaClaimed
    .filter((id) => statuses.get(id)?.state !== "met")
    .map((criterionId) => ({
      unitId: report.hamletId,
      criterionId,
      state: "claimed",
      since: today,
      reportId: report.id,
    }));
  for (const id of previous?.criteriaClaimed ?? []) {
    const status = statuses.get(id);
    if (report.criteriaClaimed.includes(id)) continue;
    if (status?.state === "claimed" && status.reportId === report.id) {
      changes.push({ unitId: report.hamletId, criterionId: id, state: "unmet", since: today });
    }
  }
  return changes;
}

function localDate(now: Date, timeZone: string): string {
  const local = localTime(now, timeZone);
  return `${local.year}-${pad(local.month)}-${pad(local.day)}`;
}
