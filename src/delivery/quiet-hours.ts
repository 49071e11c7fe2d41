import type { QuietHours } from "../config.js";
import { instantAt, localTime } from "../domain/local-time.js";

/** Whether an instant falls inside the quiet hours (which may span midnight, e.g. 21:00–06:30). */
export function isQuiet(at: Date, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const t = localTime(at, timeZone);
  const minute = t.hour * 60 + t.minute;
  return quiet.start < quiet.end
    ? minute >= quiet.start && minute < quiet.end
    : minute >= quiet.start || minute < quiet.end;
}

/**
 * The first instant at or after `at` outside the quiet hours: `at` itself when it is not
 * quiet, else the end of the quiet hours it falls in (in the configured time zone).
 */
export function nextAllowedInstant(at: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet || !isQuiet(at, quiet, timeZone)) return at;
  const t = localTime(at, timeZone);
  const minute = t.hour * 60 + t.minute;
  // Spanning midnight and already past the start: the end is on the next calendar day.
  const nextDay = quiet.start > quiet.end && minute >= quiet.start;
  const day = new Date(Date.UTC(t.year, t.month - 1, t.day + (nextDay ? 1 : 0)));
  return instantAt(
    timeZone,
    day.getUTCFullYear(),
    day.getUTCMonth() + 1,
    day.getUTCDate(),
    Math.floor(quiet.end / 60),
    quiet.end % 60,
  );
}
