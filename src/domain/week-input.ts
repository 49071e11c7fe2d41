import { normaliseAnswer, stripDiacritics } from "./answer-tokens.js";
import { localTime } from "./local-time.js";
import { isoWeekOfDate, isWeekKey, previousWeek, type WeekKey, weekOf } from "./week.js";

const THIS_WEEK = new Set(["this week", "tuan nay"]);
const LAST_WEEK = new Set([
  "last week",
  "previous week",
  "tuan truoc",
  "tuan roi",
  "tuan vua roi",
  "tuan qua",
  "tuan vua qua",
]);

const EXPLICIT_WEEK = /^(\d{4})\s*-?\s*w\s*(\d{1,2})$/;
const WEEK_NUMBER = /^(?:(?:tuan|week|w)\s*)?(\d{1,2})$/;
const WEEK_NUMBER_OF_YEAR = /^(?:tuan|week|w)\s*(\d{1,2})\s*(?:\/|-|nam|of|,)?\s*(\d{4})$/;
const DAY_MONTH_YEAR = /^(?:ngay\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2}|\d{4}))?$/;
const YEAR_MONTH_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function weekKey(year: number, week: number): WeekKey | undefined {
  const key = `${year}-W${String(week).padStart(2, "0")}`;
  return isWeekKey(key) ? key : undefined;
}

function dateWeek(year: number, month: number, day: number): WeekKey | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? isoWeekOfDate(year, month, day) : undefined;
}

/** The week `pick(year)` names in this year, or in the last one when this year's is still ahead. */
function latestPast(
  current: WeekKey,
  year: number,
  pick: (year: number) => WeekKey | undefined,
): WeekKey | undefined {
  const thisYear = pick(year);
  if (thisYear && thisYear <= current) return thisYear;
  return pick(year - 1);
}

/**
 * Reads which week a person means: "48", "w48", "tuần 48", "2026-W48", a date inside it
 * ("25/11", "25/11/2026", "2026-11-25"), "tuần này" / "this week", "tuần trước" / "last week".
 * A week number or date without a year is the latest such week not in the future.
 */
export function readWeek(text: string, now: Date, timeZone: string): WeekKey | undefined {
  const typed = stripDiacritics(normaliseAnswer(text))
    .replace(/[.!?]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
  const current = weekOf(now, timeZone);
  if (THIS_WEEK.has(typed)) return current;
  if (LAST_WEEK.has(typed)) return previousWeek(current);
  const currentYear = Number(current.slice(0, 4));

  const explicit = EXPLICIT_WEEK.exec(typed);
  if (explicit) return weekKey(Number(explicit[1]), Number(explicit[2]));
  const numberOfYear = WEEK_NUMBER_OF_YEAR.exec(typed);
  if (numberOfYear) return weekKey(Number(numberOfYear[2]), Number(numberOfYear[1]));
  const number = WEEK_NUMBER.exec(typed);
  if (number) return latestPast(current, currentYear, (year) => weekKey(year, Number(number[1])));

  const isoDate = YEAR_MONTH_DAY.exec(typed);
  if (isoDate) return dateWeek(Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3]));
  const dayMonth = DAY_MONTH_YEAR.exec(typed);
  if (dayMonth) {
    const day = Number(dayMonth[1]);
    const month = Number(dayMonth[2]);
    const yearText = dayMonth[3];
    if (yearText) {
      const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
      return dateWeek(year, month, day);
    }
    const calendarYear = localTime(now, timeZone).year;
    return latestPast(current, calendarYear, (year) => dateWeek(year, month, day));
  }
  return undefined;
}
