import type { FinishOutcome } from "../../dialog/flow.js";
import type { CriterionStatus } from "../../domain/criteria.js";
import { localTime, pad } from "../../domain/local-time.js";
import { type GoodDeed, type HamletReport, reportId } from "../../domain/report.js";
import { isOpenForHead, lateness } from "../../domain/report-window.js";
import type { WeekKey } from "../../domain/week.js";
import { unitLabel } from "../../reference/labels.js";
import { formatWeek } from "../../render/format.js";
import type { Store } from "../../store/store.js";
import type { FlowEnv } from "../member-dialogs.js";
import { nominateFromReport } from "../stories/nominations.js";
import { headsHamlet } from "./head-hamlets.js";
import {
  criteriaAnswer,
  fieldAnswer,
  goodDeedPhoto,
  pickedFields,
  pickedGroups,
  reportPhotos,
  STEP,
  textAnswer,
} from "./report-answers.js";
import type { ReportData } from "./report-data.js";

/** How many times filing is tried again when the same week was filed in between. */
const MAX_FILING_ATTEMPTS = 3;

/** The receipt number shown to the head: `<year>-<week>-<4-digit sequence>`, e.g. `2026-48-0137`. */
export async function nextReceipt(store: Store, week: WeekKey): Promise<string> {
  const sequence = await store.sequences.next(`receipt:${week}`);
  const [year, number] = week.split("-W");
  return `${year}-${number}-${String(sequence).padStart(4, "0")}`;
}

/**
 * Files the report: checks again that the member heads the hamlet and that the week is still
 * open to them, stores the report durably (replacing, and keeping in history, an earlier one
 * for the same week), records the criteria it claims, and only then gives the receipt.
 */
export async function submitReport(env: FlowEnv<ReportData>): Promise<FinishOutcome> {
  const { ctx, data, answers } = env;
  const { store, config } = ctx.deps;
  const { t, locale } = ctx;
  const { hamlet, week } = data;
  if (!hamlet || !week || !headsHamlet(ctx.member, hamlet.id)) {
    return { kind: "refused", reason: { key: "report:refusal.notHead" }, keepDraft: false };
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
  const fileVersion = async (previous: HamletReport | undefined): Promise<HamletReport> => ({
    id: reportId(hamlet.id, week),
    hamletId: hamlet.id,
    week,
    receipt: await nextReceipt(store, week),
    authorId: ctx.member.id,
    groups: pickedGroups(data, answers).map((g) => g.id),
    values,
    criteriaClaimed: criteriaAnswer(answers).filter((id) => offered.has(id)),
    ...(goodDeed ? { goodDeed } : {}),
    ...(difficulties ? { difficulties } : {}),
    photos: reportPhotos(answers),
    submittedAt: now.toISOString(),
    late: lateness(week, now, config.timeZone),
    review: "submitted",
    version: previous ? previous.version + 1 : 0,
  });
  let previous = await store.reports.get(hamlet.id, week);
  let report = await fileVersion(previous);
  // The same week filed meanwhile from another chat: this one follows it as the next version.
  for (let attempt = 1; !(await store.reports.save(report)); attempt++) {
    if (attempt >= MAX_FILING_ATTEMPTS) throw new Error(`report ${report.id} kept changing`);
    previous = await store.reports.get(hamlet.id, week);
    report = await fileVersion(previous);
  }
  await nominateFromReport(ctx.deps, report);
  await recordClaims(store, report, previous, localDate(now, config.timeZone));

  const params = {
    week: formatWeek(locale, week),
    hamlet: unitLabel(t, hamlet),
    receipt: report.receipt,
    previous: previous?.receipt ?? "",
  };
  const lines = [t("report:receipt.done", params)];
  if (report.late) lines.push(t("report:receipt.late"));
  if (previous) lines.push(t("report:receipt.replaced", params));
  return { kind: "done", message: { text: lines.join("\n") } };
}

/**
 * Marks the criteria a report claims as "claimed" (an official confirms them later), and
 * returns to "unmet" those only an earlier version of the same report had claimed.
 */
async function recordClaims(
  store: Store,
  report: HamletReport,
  previous: HamletReport | undefined,
  today: string,
): Promise<void> {
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
  if (changes.length > 0) await store.criteria.setStatuses(changes);
}

function localDate(now: Date, timeZone: string): string {
  const local = localTime(now, timeZone);
  return `${local.year}-${pad(local.month)}-${pad(local.day)}`;
}
