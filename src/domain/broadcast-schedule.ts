import type { Broadcast, BroadcastSchedule } from "./broadcast.js";
import { instantAt, localTime, pad } from "./local-time.js";

/** A time of day as people type it, read into `HH:MM`, or undefined when it is not one. */
export function readClockTime(text: string): string | undefined {
  const plain = plainForm(text);
  const match = /(?:^|\s)(\d{1,2})\s*(?::|h|gio|g)\s*(\d{2})?(?:\s*(?:phut|p))?(?=\s|$)/.exec(
    plain,
  );
  const bare = match ? undefined : /^(\d{1,2})$/.exec(plain.trim());
  const hourText = match?.[1] ?? bare?.[1];
  if (hourText === undefined) return undefined;
  let hour = Number(hourText);
  const minute = Number(match?.[2] ?? 0);
  // "3 giờ chiều" is 15:00; "8 giờ tối" is 20:00.
  if (/\b(chieu|toi|pm)\b/.test(plain) && hour < 12) hour += 12;
  if (/\b(sang|am)\b/.test(plain) && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return `${pad(hour)}:${pad(minute)}`;
}

/** A scheduled instant as understood, or why the text could not be taken. */
export type InstantReading = { ok: true; at: Date } | { ok: false; reason: "unreadable" | "past" };

/**
 * Reads a date and time as people type them ("30/11 8:00", "8h30 30/11/2026", "mai 7 giờ",
 * "3 giờ chiều"): a day without a year is this year's (next year's once it has passed this
 * year), a time without a day is today's (tomorrow's once it has passed). Must be in the future.
 */
export function readScheduleInstant(text: string, now: Date, timeZone: string): InstantReading {
  const plain = plainForm(text);
  const today = localTime(now, timeZone);
  const date = /(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{2,4}))?/.exec(plain);
  const rest = date ? plain.replace(date[0], " ") : plain;
  const time = readClockTime(rest.replace(/\b(ngay|mai|hom nay|today|tomorrow|luc|at|on)\b/g, " "));
  if (!time) return { ok: false, reason: "unreadable" };
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  let day: { year: number; month: number; day: number };
  let yearGiven = false;
  if (date) {
    const d = Number(date[1]);
    const m = Number(date[2]);
    yearGiven = date[3] !== undefined;
    const y = yearGiven ? fullYear(Number(date[3])) : today.year;
    if (!isCalendarDate(y, m, d)) return { ok: false, reason: "unreadable" };
    day = { year: y, month: m, day: d };
  } else {
    const tomorrow = /\b(mai|tomorrow)\b/.test(plain) ? 1 : 0;
    const shifted = new Date(Date.UTC(today.year, today.month - 1, today.day + tomorrow));
    day = {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
    };
  }
  let at = instantAt(timeZone, day.year, day.month, day.day, hour, minute);
  if (at <= now && !date && !/\b(mai|tomorrow|hom nay|today)\b/.test(plain)) {
    at = instantAt(timeZone, day.year, day.month, day.day + 1, hour, minute);
  } else if (at <= now && date && !yearGiven) {
    at = instantAt(timeZone, day.year + 1, day.month, day.day, hour, minute);
  }
  if (at <= now) return { ok: false, reason: "past" };
  return { ok: true, at };
}

/** The latest weekly occurrence (weekday 1–7 at `HH:MM`, local) at or before an instant. */
export function weeklyAtOrBefore(
  weekday: number,
  time: string,
  instant: Date,
  timeZone: string,
): Date {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const local = localTime(instant, timeZone);
  const back = (local.weekday - weekday + 7) % 7;
  let at = instantAt(timeZone, local.year, local.month, local.day - back, hour, minute);
  if (at > instant) {
    at = instantAt(timeZone, local.year, local.month, local.day - back - 7, hour, minute);
  }
  return at;
}

/** The first weekly occurrence strictly after an instant. */
export function weeklyAfter(weekday: number, time: string, instant: Date, timeZone: string): Date {
  const latest = weeklyAtOrBefore(weekday, time, instant, timeZone);
  const local = localTime(latest, timeZone);
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return instantAt(timeZone, local.year, local.month, local.day + 7, hour, minute);
}

/**
 * The occurrence of a scheduled broadcast that is due now and has not gone out, if any: a
 * "now" one at its approval; an "at" one once its time has come; a weekly one at the latest
 * weekly time since it was submitted (one only, however many were missed while the bot was
 * down), unless that occurrence already went out.
 */
export function dueOccurrence(broadcast: Broadcast, now: Date, timeZone: string): Date | undefined {
  if (broadcast.state !== "scheduled") return undefined;
  const { schedule } = broadcast;
  switch (schedule.kind) {
    case "now":
      if (broadcast.runs.length > 0) return undefined;
      return new Date(broadcast.approval?.at ?? broadcast.submittedAt);
    case "at": {
      const at = new Date(schedule.at);
      return broadcast.runs.length === 0 && at <= now ? at : undefined;
    }
    case "weekly": {
      const latest = weeklyAtOrBefore(schedule.weekday, schedule.time, now, timeZone);
      if (latest < new Date(broadcast.submittedAt)) return undefined;
      const iso = latest.toISOString();
      return broadcast.runs.some((run) => run.occurrence === iso) ? undefined : latest;
    }
  }
}

/** When a scheduled broadcast will next go out, for lists and confirmations. */
export function nextOccurrence(
  schedule: BroadcastSchedule,
  now: Date,
  timeZone: string,
): Date | undefined {
  switch (schedule.kind) {
    case "now":
      return undefined;
    case "at":
      return new Date(schedule.at);
    case "weekly":
      return weeklyAfter(schedule.weekday, schedule.time, now, timeZone);
  }
}

/** Lower case, no diacritics (đ → d), digits made ASCII, single spaces. */
function plainForm(text: string): string {
  return text
    .normalize("NFKC")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
