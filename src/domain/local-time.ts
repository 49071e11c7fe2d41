/** A calendar date and wall-clock time in a named time zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/**
 * Readings already taken, by zone and instant. A report step asks for the same few instants
 * again and again (this week's bounds, the reporting window's, found by `instantAt` from the
 * same guesses), and `formatToParts` was 7% of the bot's work under a Friday evening's load.
 * Bounded: emptied when full, since most instants asked (now) are never asked again.
 */
const readings = new Map<string, LocalDateTime>();
const READINGS_KEPT = 4096;

/** The wall-clock reading of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): LocalDateTime {
  const key = `${timeZone} ${instant.getTime()}`;
  let reading = readings.get(key);
  if (!reading) {
    if (readings.size >= READINGS_KEPT) readings.clear();
    reading = Object.freeze(readingOf(instant, timeZone));
    readings.set(key, reading);
  }
  return reading;
}

function readingOf(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? "Mon"] ?? 1,
  };
}

/** The instant at which a wall-clock time occurs in a time zone. */
export function instantAt(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  // Guess as if UTC, then correct by the zone's offset at that moment (twice, for DST edges).
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const seen = localTime(new Date(guess), timeZone);
    const seenWall = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess += wall - seenWall;
  }
  return new Date(guess);
}

/** The ISO date (yyyy-mm-dd) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const t = localTime(instant, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** The earlier of two ISO dates (yyyy-mm-dd): they compare as strings, not as numbers. */
export function earlierDay(a: string, b: string): string {
  return a <= b ? a : b;
}

/** Two-digit zero padding. */
export function pad(n: number): string {
  return String(n).padStart(2, "0");
}
