import { describe, expect, it } from "vitest";
import { isQuiet, nextAllowedInstant } from "../../src/delivery/quiet-hours.js";

const ZONE = "Asia/Ho_Chi_Minh";
const NIGHT = { start: 21 * 60, end: 6 * 60 + 30 };
/** An instant given as Vietnam wall-clock time (UTC+7, no daylight saving). */
const vn = (iso: string) => new Date(`${iso}+07:00`);

describe("quiet hours 21:00–06:30 in Asia/Ho_Chi_Minh", () => {
  it("lets a send at 20:59 go at once", () => {
    const at = vn("2026-11-27T20:59:00");
    expect(isQuiet(at, NIGHT, ZONE)).toBe(false);
    expect(nextAllowedInstant(at, NIGHT, ZONE)).toEqual(at);
  });

  it("holds a send due at 21:00 until 06:30 the next morning", () => {
    expect(nextAllowedInstant(vn("2026-11-27T21:00:00"), NIGHT, ZONE)).toEqual(
      vn("2026-11-28T06:30:00"),
    );
  });

  it("holds a send due at 02:15 until 06:30 the same morning", () => {
    expect(nextAllowedInstant(vn("2026-11-28T02:15:00"), NIGHT, ZONE)).toEqual(
      vn("2026-11-28T06:30:00"),
    );
  });

  it("carries a send at 23:30 on the last day of the year into the new year", () => {
    expect(nextAllowedInstant(vn("2026-12-31T23:30:00"), NIGHT, ZONE)).toEqual(
      vn("2027-01-01T06:30:00"),
    );
  });

  it("lets a send at 06:30 go at once", () => {
    expect(isQuiet(vn("2026-11-28T06:30:00"), NIGHT, ZONE)).toBe(false);
  });

  it("handles quiet hours inside one day (a lunch break 11:30–13:30)", () => {
    const lunch = { start: 11 * 60 + 30, end: 13 * 60 + 30 };
    expect(nextAllowedInstant(vn("2026-11-27T12:00:00"), lunch, ZONE)).toEqual(
      vn("2026-11-27T13:30:00"),
    );
    expect(isQuiet(vn("2026-11-27T14:00:00"), lunch, ZONE)).toBe(false);
  });

  it("never holds anything when quiet hours are off", () => {
    const at = vn("2026-11-27T23:00:00");
    expect(nextAllowedInstant(at, null, ZONE)).toEqual(at);
  });
});
