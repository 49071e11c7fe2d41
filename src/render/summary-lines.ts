import type { HeadContacts } from "../domain/head-contacts.js";
import type { Locale } from "../domain/member.js";
import type {
  FieldTotal,
  MissingHamlet,
  ShareTargetProgress,
  Summary,
  UnitTargetProgress,
} from "../domain/summary/types.js";
import type { Translate } from "../i18n.js";
import { fieldLabel, labelOf, unitLabel, unitListLabels } from "../reference/labels.js";
import { referenceTo } from "./address.js";
import { formatDate, formatNumber } from "./format.js";
import { formatPeriod, previousPeriodName } from "./period-label.js";
import { formatQuantity } from "./quantity.js";

/** A ratio as a percentage in the reader's locale: `89%`. */
export function formatPercent(locale: Locale, ratio: number): string {
  return `${formatNumber(locale, ratio * 100, 0)}%`;
}

/** The summary's title: area and period, marked when the period is still under way. */
export function titleLine(summary: Summary, t: Translate, locale: Locale): string {
  const title = t("summary:title", {
    area: unitLabel(t, summary.area),
    period: formatPeriod(t, locale, summary.period),
  });
  return summary.complete ? title : `${title} ${t("summary:inProgress")}`;
}

/**
 * "Báo cáo: 8/9 xóm (89%), trong đó 1 nộp muộn, 1 chờ làm rõ" — hamlets for a week,
 * hamlet-weeks otherwise.
 */
export function reportingLine(summary: Summary, t: Translate, locale: Locale): string {
  const { reporting } = summary;
  if (reporting.expected === 0) return t("summary:reporting.none");
  const key =
    summary.period.kind === "week" ? "summary:reporting.week" : "summary:reporting.period";
  const line = t(key, {
    reported: formatNumber(locale, reporting.reported),
    expected: formatNumber(locale, reporting.expected),
    rate: formatPercent(locale, reporting.rate),
  });
  if (reporting.late === 0 && reporting.returned === 0) return `${line}.`;
  const parts = [];
  if (reporting.late > 0) parts.push(t("summary:reporting.late", { count: reporting.late }));
  if (reporting.returned > 0) {
    parts.push(t("summary:reporting.clarifying", { count: reporting.returned }));
  }
  return `${line}, ${t("summary:reporting.among", { parts: parts.join(", ") })}.`;
}

/**
 * A missing hamlet's name, with its missing weeks over a longer period and, when the reader is
 * given them, its heads to call: "Đà Quận (trưởng xóm Hoàng Văn Cường, 0912 345 678)".
 */
function missingName(
  hamlet: MissingHamlet,
  label: string,
  t: Translate,
  weekly: boolean,
  contacts?: HeadContacts,
): string {
  const name = weekly
    ? label
    : t("summary:reporting.weeksMissing", { name: label, count: hamlet.weeksMissing });
  const heads = headsText(hamlet.id, t, contacts);
  return heads ? t("summary:reporting.withHeads", { name, heads }) : name;
}

/** "Hoàng Văn Cường, 0912 345 678; Nông Thị Hoa" — a hamlet's heads; empty without any. */
export function headsText(hamletId: string, t: Translate, contacts?: HeadContacts): string {
  const heads = contacts?.get(hamletId) ?? [];
  return heads
    .map((head) =>
      head.phone
        ? t("summary:reporting.headPhone", { name: referenceTo(t, head), phone: head.phone })
        : referenceTo(t, head),
    )
    .join("; ");
}

/**
 * "Chờ làm rõ (số liệu vẫn được tính): xóm A." — the hamlets whose returned report still
 * counts in the totals; empty when there are none.
 */
export function clarifyingLine(summary: Summary, t: Translate): string {
  const hamlets = summary.reporting.awaitingClarification;
  if (hamlets.length === 0) return "";
  const weekly = summary.period.kind === "week";
  const labels = unitListLabels(t, undefined, hamlets);
  const names = hamlets.map((hamlet, i) => {
    const name = labels[i] ?? "";
    return weekly
      ? name
      : t("summary:reporting.clarifyingWeeks", { name, count: hamlet.weeksReturned });
  });
  return t("summary:reporting.clarifyingList", { names: names.join(", ") });
}

/**
 * "Chưa báo cáo: xóm A (trưởng xóm …), B và 3 xóm khác." or "Tất cả các xóm đã báo cáo."
 * Heads are named from `contacts`, made for the reader (phones only where they may call).
 */
export function missingLine(
  summary: Summary,
  t: Translate,
  limit: number,
  contacts?: HeadContacts,
): string {
  const { reporting } = summary;
  if (reporting.expected === 0) return "";
  if (reporting.missingHamlets.length === 0) return t("summary:reporting.all");
  const weekly = summary.period.kind === "week";
  const listed = reporting.missingHamlets.slice(0, limit);
  const labels = unitListLabels(t, undefined, listed);
  const shown = listed.map((h, i) => missingName(h, labels[i] ?? "", t, weekly, contacts));
  const rest = reporting.missingHamlets.length - shown.length;
  if (rest > 0) shown.push(t("summary:reporting.more", { count: rest }));
  return t("summary:reporting.missing", { names: shown.join(", ") });
}

/** A field total with its label: "Đường bê tông hóa mới: 2,4 km". */
export function totalText(
  total: FieldTotal,
  value: number,
  t: Translate,
  locale: Locale,
): { label: string; value: string } {
  return {
    label: fieldLabel(t, { id: total.fieldId, label: total.label }),
    value: formatQuantity(locale, value, total.unit, t),
  };
}

/** A headline total with the previous period's figure beside it, when there is one. */
export function headlineText(
  summary: Summary,
  total: FieldTotal,
  t: Translate,
  locale: Locale,
): string {
  const { label, value } = totalText(total, total.value, t, locale);
  // "(last week 0)" says nothing a reader needs; a comparison is shown only when there is one.
  if (!total.previous) return t("summary:totals.line", { label, value });
  return t("summary:totals.withPrevious", {
    label,
    value,
    previousName: previousPeriodName(t, summary.period),
    previous: formatQuantity(locale, total.previous, total.unit, t),
  });
}

/**
 * The totals worth a headline: the first field with something reported in each activity
 * group (so one busy group does not crowd out the rest), topped up with other reported
 * fields to at least `min`, at most `max` in all.
 */
export function headlineTotals(fields: readonly FieldTotal[], min = 4, max = 6): FieldTotal[] {
  const reported = fields.filter((f) => f.value !== 0);
  const chosen: FieldTotal[] = [];
  const groups = new Set<string>();
  for (const field of reported) {
    if (chosen.length >= max) break;
    if (groups.has(field.groupId)) continue;
    groups.add(field.groupId);
    chosen.push(field);
  }
  for (const field of reported) {
    if (chosen.length >= min) break;
    if (!chosen.includes(field)) chosen.push(field);
  }
  return fields.filter((f) => chosen.includes(f));
}

/** "Xóm đạt chuẩn NTM: 9/9 = 100% (mục tiêu 100%)". */
export function shareLine(share: ShareTargetProgress, t: Translate, locale: Locale): string {
  return t("summary:plan.share", {
    label: t(`summary:plan.shareLabel.${share.status}`, { defaultValue: share.text }),
    meeting: formatNumber(locale, share.meeting),
    hamlets: formatNumber(locale, share.hamlets),
    ratio: formatPercent(locale, share.ratio),
    target: formatPercent(locale, share.share),
  });
}

/**
 * Where a target stands, in words: "đã đạt ngày 15/10/2024 (Quyết định số …)"; for a commune
 * or ward not yet recognised, its criteria ("đạt 15/19 tiêu chí, hạn năm 2028"), or plainly
 * that none is recorded yet, never "chưa đạt, quá hạn" on a standing nobody has entered.
 */
export function targetStateText(
  target: Pick<UnitTargetProgress, "state" | "by" | "recognisedOn" | "decision" | "criteria">,
  t: Translate,
  locale: Locale,
): string {
  if (target.state === "met" && target.recognisedOn) {
    const date = formatDate(locale, target.recognisedOn);
    return target.decision
      ? t("summary:plan.state.metOnDecision", { date, decision: target.decision })
      : t("summary:plan.state.metOn", { date });
  }
  const { criteria } = target;
  if (target.state !== "met" && criteria) {
    if (!criteria.recorded) return t("summary:plan.state.noStanding", { by: target.by });
    return t(`summary:plan.state.${target.state}Progress`, {
      met: formatNumber(locale, criteria.met),
      of: formatNumber(locale, criteria.of),
      by: target.by,
    });
  }
  return t(`summary:plan.state.${target.state}`, { by: target.by });
}

/** "Xã Hưng Đạo — Đạt chuẩn nông thôn mới nâng cao (năm 2024): đã đạt ngày 15/10/2024". */
export function unitTargetLine(target: UnitTargetProgress, t: Translate, locale: Locale): string {
  return t("summary:plan.unit", {
    unit: unitLabel(t, { id: target.unitId, name: target.unitName }),
    status: labelOf(t, "targetStatus", target.status, target.text),
    by: target.by,
    state: targetStateText(target, t, locale),
  });
}

/** The plan lines: hamlet shares on one line, each unit target on its own, the ended note. */
export function planLines(summary: Summary, t: Translate, locale: Locale): string[] {
  const { plan } = summary;
  if (!plan) return [];
  const lines: string[] = [];
  if (plan.shares.length > 0)
    lines.push(plan.shares.map((s) => shareLine(s, t, locale)).join(" · "));
  for (const target of plan.units) lines.push(unitTargetLine(target, t, locale));
  if (plan.ended) {
    lines.push(
      t("summary:plan.ended", {
        from: plan.from.slice(0, 4),
        to: plan.to.slice(0, 4),
        date: formatDate(locale, plan.to),
      }),
    );
  }
  return lines;
}
