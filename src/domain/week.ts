import { instantAt, localTime, pad } from "./local-time.js";

/** An ISO week key, e.g. `2026-W48`. Weeks run Monday to Sunday in the configured time zone. */
export type WeekKey = string;

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** The ISO week (Monday–Sunday, in `timeZone`) containing the instant. */
export function weekOf(instant: Date, timeZone: string): WeekKey {
  const t = localTime(instant, timeZone);
  return isoWeekOfDate(t.year, t.month, t.day);
}

/** The ISO week containing a calendar date. */
export function isoWeekOfDate(year: number, month: number, day: number): WeekKey {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of the same week decides the ISO year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const isoYear = date.getUTCFullYear();
  const firstDay = Date.UTC(isoYear, 0, 1);
  const week = Math.ceil(((date.getTime() - firstDay) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${pad(week)}`;
}

/** True for a well-formed week key that names a real week. */
export function isWeekKey(text: string): boolean {
  const match = WEEK_KEY.exec(text);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= weeksInYear(Number(match[1]));
}

/** 52 or 53: the number of ISO weeks in a year. */
export function weeksInYear(year: number): number {
  return isoWeekOfDate(year, 12, 28).endsWith("53") ? 53 : 52;
}

/** The Monday (calendar date, UTC-based) that starts a week. */
export function mondayOf(week: WeekKey): { year: number; month: number; day: number } {
  const match = WEEK_KEY.exec(week);
  if (!match) throw new Error(`not a week key: ${week}`);
  const year = Number(match[1]);
  const n = Number(match[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const jan4Weekday = jan4.getUTCDay() || 7;
  const monday = new Date(jan4.getTime() + ((n - 1) * 7 - (jan4Weekday - 1)) * 86_400_000);
  return {
    year: monday.getUTCFullYear(),
    month: monday.getUTCMonth() + 1,
    day: monday.getUTCDate(),
  };
}

/** The calendar dates (Monday and Sunday) of a week, as ISO dates. */
export function weekDates(week: WeekKey): { monday: string; sunday: string } {
  const m = mondayOf(week);
  const sunday = new Date(Date.UTC(m.year, m.month - 1, m.day + 6));
  return {
    monday: `${m.year}-${pad(m.month)}-${pad(m.day)}`,
    sunday: sunday.toISOString().slice(0, 10),
  };
}

/** The instant the week starts (Monday 00:00 local) and the instant the next one starts. */
export function weekBounds(week: WeekKey, timeZone: string): { start: Date; end: Date } {
  const m = mondayOf(week);
  return {
    start: instantAt(timeZone, m.year, m.month, m.day),
    end: instantAt(timeZone, m.year, m.month, m.day + 7),
  };
}

/** The week `n` weeks after (negative: before) the given one. */
export function addWeeks(week: WeekKey, n: number): WeekKey {
  const m = mondayOf(week);
  const date = new Date(Date.UTC(m.year, m.month - 1, m.day + 7 * n));
  return isoWeekOfDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The week before. */
export function previousWeek(week: WeekKey): WeekKey {
  return addWeeks(week, -1);
}

/** Every week from `first` to `last`, inclusive, in order. */
export function weeksBetween(first: WeekKey, last: WeekKey): WeekKey[] {
  const weeks: WeekKey[] = [];
  for (let week = first; week <= last; week = addWeeks(week, 1)) weeks.push(week);
  return weeks;
}
