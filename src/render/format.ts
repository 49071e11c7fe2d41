import type { Locale } from "../domain/member.js";
import { type WeekKey, weekDates } from "../domain/week.js";
import type { Translate } from "../i18n.js";

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number as the reader writes it: vi `1.234,5`, en `1,234.5`. */
export function formatNumber(locale: Locale, value: number, maxFractionDigits = 1): string {
  const key = `${locale}:${maxFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", {
      maximumFractionDigits: maxFractionDigits,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** An ISO date (yyyy-mm-dd) as the reader writes it: vi `29/11/2026`, en `29 Nov 2026`. */
export function formatDate(locale: Locale, isoDate: string, withYear = true): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-");
  if (locale === "vi") return withYear ? `${d}/${m}/${y}` : `${d}/${m}`;
  const month = MONTHS_EN[Number(m) - 1];
  return withYear ? `${Number(d)} ${month} ${y}` : `${Number(d)} ${month}`;
}

const MONTHS_EN = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** A week as people name it: vi `23/11 – 29/11/2026`, en `23 Nov – 29 Nov 2026`. */
export function formatWeek(locale: Locale, week: WeekKey): string {
  const { monday, sunday } = weekDates(week);
  const sameYear = monday.slice(0, 4) === sunday.slice(0, 4);
  return `${formatDate(locale, monday, !sameYear)} – ${formatDate(locale, sunday)}`;
}

/** How long a recording plays, as people say it: "45 giây", "1 phút 20 giây". */
export function formatDuration(t: Translate, seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  if (minutes === 0) return t("common:duration.seconds", { seconds: whole });
  return t("common:duration.minutes", { minutes, seconds: whole % 60 });
}
