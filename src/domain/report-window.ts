import { instantAt } from "./local-time.js";
import { addWeeks, mondayOf, previousWeek, type WeekKey, weekBounds, weekOf } from "./week.js";

/** Whether a head may still report a week: in time, late (accepted and marked), or not at all. */
export type ReportOpenness = "on-time" | "late" | "closed";

// Late reports for a week are taken until this hour on the Monday after it.
const LATE_UNTIL_HOUR = 12;

/** The instant late reports for `week` stop: Monday 12:00 local of the week after. */
export function lateDeadline(week: WeekKey, timeZone: string): Date {
  const monday = mondayOf(addWeeks(week, 1));
  return instantAt(timeZone, monday.year, monday.month, monday.day, LATE_UNTIL_HOUR);
}

/**
 * The weeks a head can report now: always the current one, and until Monday 12:00 local also
 * last week (late), so a head who missed Sunday night can still send it on Monday morning.
 */
export function reportWindow(
  now: Date,
  timeZone: string,
): { current: WeekKey; lateWeek?: WeekKey } {
  const current = weekOf(now, timeZone);
  const last = previousWeek(current);
  return now < lateDeadline(last, timeZone) ? { current, lateWeek: last } : { current };
}

/**
 * Whether a head may report `week` at `now`: on time until Sunday 23:59:59 local, late until
 * the next Monday 12:00, closed after — unless an official reopened it, which makes it late.
 * Weeks that have not started yet are closed.
 */
export function isOpenForHead(
  week: WeekKey,
  now: Date,
  timeZone: string,
  reopened: boolean,
): ReportOpenness {
  const { start, end } = weekBounds(week, timeZone);
  if (now < start) return "closed";
  if (now < end) return "on-time";
  if (now < lateDeadline(week, timeZone)) return "late";
  return reopened ? "late" : "closed";
}

/** True when a report for `week` was submitted after its Sunday 23:59:59 local. */
export function lateness(week: WeekKey, submittedAt: Date, timeZone: string): boolean {
  return submittedAt >= weekBounds(week, timeZone).end;
}
