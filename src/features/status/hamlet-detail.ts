import type { CriteriaSet, CriterionStatus } from "../../domain/criteria.js";
import type { Locale } from "../../domain/member.js";
import type { HamletReport } from "../../domain/report.js";
import type { ReportFields } from "../../domain/report-fields.js";
import { reportIndexOf } from "../../domain/summary/index.js";
import { previousWeek, type WeekKey } from "../../domain/week.js";
import type { Translate } from "../../i18n.js";
import { criterionLabel, fieldLabel, labelOf } from "../../reference/labels.js";
import { formatWeek } from "../../render/format.js";
import { formatQuantity } from "../../render/quantity.js";
import type { SummaryData } from "../summaries/summary-source.js";

/** How many weeks of a hamlet's reports /status shows, the week asked for first. */
const RECENT_WEEKS = 4;
/** How many figures of one report are quoted on its line. */
const VALUES_SHOWN = 3;
/** How many criteria are named in a list before "and N more". */
const NAMES_SHOWN = 5;

/**
 * What /status adds for a single hamlet: its last reports (state and main figures, week by
 * week) and where it stands on each hamlet criteria set (met, awaiting confirmation, not met).
 */
export function hamletDetailLines(
  hamletId: string,
  week: WeekKey,
  data: SummaryData,
  t: Translate,
  locale: Locale,
): string[] {
  const index = reportIndexOf(data.reports);
  const lines = [t("status:hamlet.recentHeading")];
  let shown = week;
  for (let i = 0; i < RECENT_WEEKS; i++) {
    const report = index.get(shown, hamletId);
    lines.push(
      t("status:hamlet.week", {
        week: formatWeek(locale, shown),
        state: reportState(report, data.reportFields, t, locale),
      }),
    );
    shown = previousWeek(shown);
  }
  const sets = data.criteriaSets.filter((set) => set.level === "hamlet" && set.active !== false);
  if (sets.length === 0) return lines;
  const states = latestStates(data.criteria, hamletId);
  lines.push(t("status:hamlet.criteriaHeading"));
  for (const set of sets) lines.push(setLine(set, states, t));
  return lines;
}

function reportState(
  report: HamletReport | undefined,
  fields: ReportFields,
  t: Translate,
  locale: Locale,
): string {
  if (!report) return t("status:hamlet.missing");
  const state =
    report.review === "returned"
      ? t("status:hamlet.returned")
      : report.late
        ? t("status:hamlet.late")
        : t("status:hamlet.onTime");
  const values: string[] = [];
  for (const group of fields.groups) {
    for (const field of group.fields) {
      const value = report.values[field.id];
      if (value === undefined || value === 0 || values.length >= VALUES_SHOWN) continue;
      values.push(`${fieldLabel(t, field)} ${formatQuantity(locale, value, field.unit, t)}`);
    }
  }
  return t("status:hamlet.withValues", {
    state,
    values: values.length > 0 ? values.join(", ") : t("status:hamlet.nothingReported"),
  });
}

/** The latest recorded state of each criterion of the hamlet. */
function latestStates(
  statuses: readonly CriterionStatus[],
  hamletId: string,
): Map<string, CriterionStatus["state"]> {
  const latest = new Map<string, CriterionStatus>();
  for (const status of statuses) {
    if (status.unitId !== hamletId) continue;
    const held = latest.get(status.criterionId);
    if (!held || status.since >= held.since) latest.set(status.criterionId, status);
  }
  return new Map([...latest].map(([id, status]) => [id, status.state]));
}

function setLine(
  set: CriteriaSet,
  states: ReadonlyMap<string, CriterionStatus["state"]>,
  t: Translate,
): string {
  // Criterion ids are qualified by their set; a set loaded with bare ids still matches.
  const stateOf = (id: string) => states.get(id) ?? states.get(`${set.id}/${id}`) ?? "unmet";
  const claimed = set.criteria.filter((c) => stateOf(c.id) === "claimed");
  const unmet = set.criteria.filter((c) => stateOf(c.id) === "unmet");
  const met = set.criteria.length - claimed.length - unmet.length;
  const parts = [
    t("status:hamlet.set", {
      set: labelOf(t, "criteriaSet", set.id, set.id),
      met,
      of: set.criteria.length,
    }),
  ];
  if (claimed.length > 0) parts.push(t("status:hamlet.claimed", { names: names(claimed, t) }));
  if (unmet.length > 0) parts.push(t("status:hamlet.unmet", { names: names(unmet, t) }));
  return parts.join("; ");
}

function names(criteria: CriteriaSet["criteria"], t: Translate): string {
  const shown = criteria.slice(0, NAMES_SHOWN).map((c) => criterionLabel(t, c));
  if (criteria.length > NAMES_SHOWN) {
    shown.push(t("status:hamlet.more", { count: criteria.length - NAMES_SHOWN }));
  }
  return shown.join(", ");
}
