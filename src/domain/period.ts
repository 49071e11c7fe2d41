import type { Campaign } from "./campaign.js";
import { localDate, pad } from "./local-time.js";
import { isoWeekOfDate, type WeekKey, weekDates } from "./week.js";
import { readWeek } from "./week-input.js";

/**
 * A stretch of time a summary covers. Reports are weekly, so every period is a run of ISO
 * weeks: a week belongs to the month, quarter and year that contain its Thursday (the ISO
 * rule), so no week is ever counted in two months or dropped between them.
 */
export type Period =
  | { kind: "week"; week: WeekKey }
  | { kind: "month"; year: number; month: number }
  | { kind: "quarter"; year: number; quarter: number }
  | { kind: "year"; year: number }
  | { kind: "campaign"; campaignId: string; from: string; to: string };

/** The kinds of period a summary can be asked for. */
export type PeriodKind = Period["kind"];

/** A week period. */
export function weekPeriod(week: WeekKey): Period {
  return { kind: "week", week };
}

/** The period covering a whole campaign, from its first to its last day. */
export function campaignPeriod(campaign: Campaign): Period {
  return { kind: "campaign", campaignId: campaign.id, from: campaign.from, to: campaign.to };
}

/** A stable key for storing and naming a period: `2026-W48`, `2026-11`, `2026-Q4`, `2026`, `campaign:<id>`. */
export function periodKey(period: Period): string {
  switch (period.kind) {
    case "week":
      return period.week;
    case "month":
      return `${period.year}-${pad(period.month)}`;
    case "quarter":
      return `${period.year}-Q${period.quarter}`;
    case "year":
      return String(period.year);
    case "campaign":
      return `campaign:${period.campaignId}`;
  }
}

/** The calendar dates (ISO, inclusive) the period stands for; a week runs Monday to Sunday. */
export function periodDates(period: Period): { start: string; end: string } {
  switch (period.kind) {
    case "week": {
      const { monday, sunday } = weekDates(period.week);
      return { start: monday, end: sunday };
    }
    case "month":
      return {
        start: isoDate(period.year, period.month, 1),
        end: isoDate(period.year, period.month + 1, 0),
      };
    case "quarter": {
      const first = (period.quarter - 1) * 3 + 1;
      return { start: isoDate(period.year, first, 1), end: isoDate(period.year, first + 3, 0) };
    }
    case "year":
      return { start: isoDate(period.year, 1, 1), end: isoDate(period.year, 12, 31) };
    case "campaign":
      return { start: period.from, end: period.to };
  }
}

/** The ISO weeks the period covers, in order: those whose Thursday falls within its dates. */
export function weeksOfPeriod(period: Period): WeekKey[] {
  if (period.kind === "week") return [period.week];
  const { start, end } = periodDates(period);
  return weeksWithThursdayBetween(start, end);
}

/** The ISO weeks whose Thursday lies between two ISO dates, inclusive. */
export function weeksWithThursdayBetween(start: string, end: string): WeekKey[] {
  const weeks: WeekKey[] = [];
  const day = toUtc(start);
  // Move to the first Thursday on or after the start (getUTCDay: Thursday = 4).
  day.setUTCDate(day.getUTCDate() + ((4 - day.getUTCDay() + 7) % 7));
  const last = toUtc(end).getTime();
  while (day.getTime() <= last) {
    weeks.push(isoWeekOfDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()));
    day.setUTCDate(day.getUTCDate() + 7);
  }
  return weeks;
}

/**
 * The period just before, of the same kind: the week before, the month before… For a
 * campaign, the latest campaign that ended before it began, if any.
 */
export function previousPeriod(
  period: Period,
  campaigns: readonly Campaign[] = [],
): Period | undefined {
  switch (period.kind) {
    case "week": {
      const { monday } = weekDates(period.week);
      const day = toUtc(monday);
      day.setUTCDate(day.getUTCDate() - 7);
      return weekPeriod(
        isoWeekOfDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()),
      );
    }
    case "month":
      return period.month === 1
        ? { kind: "month", year: period.year - 1, month: 12 }
        : { kind: "month", year: period.year, month: period.month - 1 };
    case "quarter":
      return period.quarter === 1
        ? { kind: "quarter", year: period.year - 1, quarter: 4 }
        : { kind: "quarter", year: period.year, quarter: period.quarter - 1 };
    case "year":
      return { kind: "year", year: period.year - 1 };
    case "campaign": {
      const earlier = campaigns
        .filter((c) => c.to < period.from)
        .sort((a, b) => b.to.localeCompare(a.to));
      return earlier[0] ? campaignPeriod(earlier[0]) : undefined;
    }
  }
}

/**
 * The campaign a moment belongs to: the one running on that date, else the latest one that
 * has ended (its standing stays final until a new campaign is loaded).
 */
export function campaignAt(date: string, campaigns: readonly Campaign[]): Campaign | undefined {
  const running = campaigns
    .filter((c) => c.from <= date && date <= c.to)
    .sort((a, b) => Number(b.active) - Number(a.active) || b.from.localeCompare(a.from));
  if (running[0]) return running[0];
  const ended = campaigns.filter((c) => c.to < date).sort((a, b) => b.to.localeCompare(a.to));
  return ended[0];
}

/**
 * The plan in force on a date: the one running then (the newest start if two overlap), or
 * none. An ended plan is never "current": its final standing is shown only where asked.
 */
export function campaignInForce(
  date: string,
  campaigns: readonly Campaign[],
): Campaign | undefined {
  return campaigns
    .filter((c) => c.active && c.from <= date && date <= c.to)
    .sort((a, b) => b.from.localeCompare(a.from))[0];
}

const MONTH = /^(\d{4})-(\d{1,2})$/;
const MONTH_FIRST = /^(?:tháng|thang|month)?\s*(\d{1,2})[/-](\d{4})$/;
const QUARTER = /^(\d{4})-?q([1-4])$/;
const QUARTER_FIRST = /^(?:q|quý|quy|quarter)\s*([1-4])[/-](\d{4})$/;
const YEAR = /^(?:năm|nam|year)?\s*(\d{4})$/;
const CAMPAIGN_WORDS = new Set(["campaign", "chiến dịch", "chien dich", "giai đoạn", "giai doan"]);
const CAMPAIGN_YEARS = /^(\d{4})\s*[-–]\s*(\d{4})$/;

/**
 * Reads the period an official typed: `2026-11` or `11/2026`, `2026-Q4` or `Q4/2026`, `2026`,
 * `campaign` (the current or latest campaign), `2021-2025` (the campaign spanning those
 * years), or any week form `readWeek` accepts (`2026-W48`, `48`, `tuần trước`, a date inside
 * the week). Undefined when the text is none of these.
 */
export function readPeriod(
  text: string,
  now: Date,
  timeZone: string,
  campaigns: readonly Campaign[] = [],
): Period | undefined {
  const input = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (input === "") return undefined;
  const today = localDate(now, timeZone);

  if (input.startsWith("campaign:")) {
    const named = campaigns.find((c) => c.id === input.slice("campaign:".length).trim());
    return named ? campaignPeriod(named) : undefined;
  }
  if (CAMPAIGN_WORDS.has(input)) {
    const campaign = campaignAt(today, campaigns);
    return campaign ? campaignPeriod(campaign) : undefined;
  }
  const span = CAMPAIGN_YEARS.exec(input);
  if (span) {
    const campaign = campaigns.find(
      (c) => c.from.startsWith(span[1] ?? "") && c.to.startsWith(span[2] ?? ""),
    );
    return campaign ? campaignPeriod(campaign) : undefined;
  }

  const month = MONTH.exec(input);
  if (month) return monthPeriod(Number(month[1]), Number(month[2]));
  const monthFirst = MONTH_FIRST.exec(input);
  if (monthFirst) return monthPeriod(Number(monthFirst[2]), Number(monthFirst[1]));
  const quarter = QUARTER.exec(input) ?? swap(QUARTER_FIRST.exec(input));
  if (quarter) return { kind: "quarter", year: Number(quarter[1]), quarter: Number(quarter[2]) };
  const year = YEAR.exec(input);
  if (year) return { kind: "year", year: Number(year[1]) };
  // Everything else is read as a week, the same way /report reads one.
  const week = readWeek(text, now, timeZone);
  return week ? weekPeriod(week) : undefined;
}

function monthPeriod(year: number, month: number): Period | undefined {
  return month >= 1 && month <= 12 ? { kind: "month", year, month } : undefined;
}

function swap(match: RegExpExecArray | null): [string, string, string] | undefined {
  return match ? [match[0], match[2] ?? "", match[1] ?? ""] : undefined;
}

function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function toUtc(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}
