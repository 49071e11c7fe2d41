import type { Locale } from "../domain/member.js";
import type { Period } from "../domain/period.js";
import type { Translate } from "../i18n.js";
import { formatWeek } from "./format.js";

const monthNames = new Map<Locale, Intl.DateTimeFormat>();

function monthName(locale: Locale, month: number): string {
  let format = monthNames.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", {
      month: "long",
      timeZone: "UTC",
    });
    monthNames.set(locale, format);
  }
  return format.format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** A period as people name it: vi `tuần 23/11 – 29/11/2026`, `tháng 11/2026`, `quý 4/2026`. */
export function formatPeriod(t: Translate, locale: Locale, period: Period): string {
  switch (period.kind) {
    case "week":
      return t("summary:period.week", { dates: formatWeek(locale, period.week) });
    case "month":
      return t("summary:period.month", {
        month: period.month,
        monthName: monthName(locale, period.month),
        year: period.year,
      });
    case "quarter":
      return t("summary:period.quarter", { quarter: period.quarter, year: period.year });
    case "year":
      return t("summary:period.year", { year: period.year });
    case "campaign":
      return t("summary:period.campaign", {
        from: period.from.slice(0, 4),
        to: period.to.slice(0, 4),
      });
  }
}

/** How the period before is called next to a figure: "tuần trước", "last month" … */
export function previousPeriodName(t: Translate, period: Period): string {
  return t(`summary:previous.${period.kind}`);
}
