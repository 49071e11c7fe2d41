import { describe, expect, it } from "vitest";
import type { Broadcast } from "../../src/domain/broadcast.js";
import {
  dueOccurrence,
  readClockTime,
  readScheduleInstant,
  weeklyAfter,
  weeklyAtOrBefore,
} from "../../src/domain/broadcast-schedule.js";

const ZONE = "Asia/Ho_Chi_Minh";
/** Wednesday 25/11/2026 10:00 in Cao Bằng. */
const NOW = new Date("2026-11-25T03:00:00Z");

describe("reading a time people type", () => {
  it.each([
    ["8:00", "08:00"],
    ["8h", "08:00"],
    ["8h30", "08:30"],
    ["20 giờ", "20:00"],
    ["3 giờ chiều", "15:00"],
    ["7", "07:00"],
    ["８:１５", "08:15"],
  ])("%s is %s", (typed, clock) => {
    expect(readClockTime(typed)).toBe(clock);
  });

  it.each(["25:00", "8:75", "sáng mai", ""])("%s is not a time", (typed) => {
    expect(readClockTime(typed)).toBeUndefined();
  });
});

describe("reading a date and time for a scheduled broadcast", () => {
  const at = (text: string) => readScheduleInstant(text, NOW, ZONE);

  it("reads the day and time in Cao Bằng's time", () => {
    expect(at("30/11 8:00")).toEqual({ ok: true, at: new Date("2026-11-30T01:00:00Z") });
    expect(at("8h30 30/11/2026")).toEqual({ ok: true, at: new Date("2026-11-30T01:30:00Z") });
    expect(at("mai 7 giờ")).toEqual({ ok: true, at: new Date("2026-11-26T00:00:00Z") });
  });

  it("takes a time alone as today's, or tomorrow's once it has passed", () => {
    expect(at("15:00")).toEqual({ ok: true, at: new Date("2026-11-25T08:00:00Z") });
    expect(at("9:00")).toEqual({ ok: true, at: new Date("2026-11-26T02:00:00Z") });
  });

  it("takes a day without a year that has passed as next year's, and refuses a past year", () => {
    expect(at("1/1 8:00")).toEqual({ ok: true, at: new Date("2027-01-01T01:00:00Z") });
    expect(at("1/1/2026 8:00")).toEqual({ ok: false, reason: "past" });
  });

  it("refuses what is not a day and time", () => {
    expect(at("thứ hai")).toEqual({ ok: false, reason: "unreadable" });
    expect(at("31/2 8:00")).toEqual({ ok: false, reason: "unreadable" });
  });
});

describe("weekly occurrences", () => {
  it("finds Monday 08:00 before and after a Wednesday", () => {
    expect(weeklyAtOrBefore(1, "08:00", NOW, ZONE)).toEqual(new Date("2026-11-23T01:00:00Z"));
    expect(weeklyAfter(1, "08:00", NOW, ZONE)).toEqual(new Date("2026-11-30T01:00:00Z"));
    expect(weeklyAtOrBefore(3, "10:00", NOW, ZONE)).toEqual(NOW);
  });

  const weekly = (runs: string[] = []): Broadcast =>
    ({
      id: "1",
      schedule: { kind: "weekly", weekday: 1, time: "08:00" },
      state: "scheduled",
      submittedAt: "2026-11-25T03:00:00.000Z",
      runs: runs.map((occurrence) => ({ occurrence })),
    }) as unknown as Broadcast;

  it("is due once per week from its submission, and only the latest after downtime", () => {
    expect(dueOccurrence(weekly(), NOW, ZONE)).toBeUndefined();
    const monday = new Date("2026-11-30T01:00:00Z");
    expect(dueOccurrence(weekly(), monday, ZONE)).toEqual(monday);
    expect(dueOccurrence(weekly([monday.toISOString()]), monday, ZONE)).toBeUndefined();
    const threeWeeksLater = new Date("2026-12-16T05:00:00Z");
    expect(dueOccurrence(weekly([monday.toISOString()]), threeWeeksLater, ZONE)).toEqual(
      new Date("2026-12-14T01:00:00Z"),
    );
  });

  it("is never due once cancelled", () => {
    const cancelled = { ...weekly(), state: "cancelled" } as Broadcast;
    expect(dueOccurrence(cancelled, new Date("2026-11-30T01:00:00Z"), ZONE)).toBeUndefined();
  });
});
