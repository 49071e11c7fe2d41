import type { Locale } from "../domain/member.js";
import { weeksWithThursdayBetween } from "../domain/period.js";
import type { Summary } from "../domain/summary/types.js";
import { weekDates } from "../domain/week.js";
import type { Translate } from "../i18n.js";
import { unitListLabels } from "../reference/labels.js";
import { formatDate, formatNumber } from "./format.js";
import { formatQuantity } from "./quantity.js";
import { headlineTotals, totalText } from "./summary-lines.js";

/**
 * "Chưa có trưởng xóm dùng trợ lý: xóm A, B." — hamlets not chased because nobody there
 * uses the assistant yet; empty when there are none. Kept apart from "Chưa báo cáo".
 */
export function noHeadLine(summary: Summary, t: Translate, limit: number): string {
  const hamlets = summary.reporting.noHeadHamlets ?? [];
  if (hamlets.length === 0) return "";
  const shown = unitListLabels(t, undefined, hamlets.slice(0, limit));
  const rest = hamlets.length - shown.length;
  if (rest > 0) shown.push(t("summary:reporting.more", { count: rest }));
  return t("summary:reporting.noHead", { names: shown.join(", ") });
}

/**
 * The date running totals count from ("16/11/2026"): the Monday of `runningFrom`, or the
 * plan's first day when totals run from the plan's start.
 */
export function runningFromDate(summary: Summary, locale: Locale): string | undefined {
  if (summary.runningFrom === undefined) return undefined;
  const { plan } = summary;
  const fromPlanStart =
    plan !== undefined && weeksWithThursdayBetween(plan.from, plan.to)[0] === summary.runningFrom;
  return formatDate(locale, fromPlanStart ? plan.from : weekDates(summary.runningFrom).monday);
}

/** "Lũy kế từ 16/11/2026: Đường bê tông hóa mới 2,4 km · …"; empty before any report. */
export function runningLine(summary: Summary, t: Translate, locale: Locale): string {
  const from = runningFromDate(summary, locale);
  if (from === undefined) return "";
  const running = summary.fields
    .filter((field) => (field.running ?? 0) !== 0)
    .map((field) => ({ ...field, value: field.running ?? 0 }));
  const shown = headlineTotals(running).map((field) => {
    const { label } = totalText(field, field.value, t, locale);
    return t("summary:totals.line", {
      label,
      value: formatQuantity(locale, field.value, field.unit, t),
    });
  });
  if (shown.length === 0) return "";
  return t("summary:totals.running", { from, totals: shown.join(" · ") });
}

/** "Xóm đạt chuẩn NTM: 3/9 · Xóm NTM kiểu mẫu: 1/9" — the criteria standing with no plan in force. */
export function criteriaSharesLine(summary: Summary, t: Translate, locale: Locale): string {
  const shares = summary.plan ? [] : (summary.criteriaShares ?? []);
  return shares
    .map((share) =>
      t("summary:plan.shareWithoutTarget", {
        label: t(`summary:plan.shareLabel.${share.status}`, { defaultValue: share.status }),
        meeting: formatNumber(locale, share.meeting),
        hamlets: formatNumber(locale, share.hamlets),
      }),
    )
    .join(" · ");
}
