import { describe, expect, it } from "vitest";
import { instantAt, localTime } from "../../src/domain/local-time.js";

const HANOI = "Asia/Ho_Chi_Minh";

describe("the wall clock in Cao Bằng", () => {
  it("reads Friday 20:30 in Vietnam from 13:30 UTC", () => {
    expect(localTime(new Date("2026-12-04T13:30:00Z"), HANOI)).toEqual({
      year: 2026,
      month: 12,
      day: 4,
      hour: 20,
      minute: 30,
      second: 0,
      weekday: 5,
    });
  });

  it("finds the instant of Monday midnight, and reads it back", () => {
    const monday = instantAt(HANOI, 2026, 11, 30);
    expect(monday.toISOString()).toBe("2026-11-29T17:00:00.000Z");
    expect(localTime(monday, HANOI)).toMatchObject({ day: 30, hour: 0, weekday: 1 });
  });

  it("gives the same reading of an instant asked twice, which no caller can alter", () => {
    const instant = new Date("2026-12-06T16:59:59Z");
    const first = localTime(instant, HANOI);
    expect(() => {
      (first as { day: number }).day = 1;
    }).toThrow(TypeError);
    expect(localTime(new Date(instant.getTime()), HANOI)).toMatchObject({
      day: 6,
      hour: 23,
      weekday: 7,
    });
  });

  it("reads the same instant differently in another zone", () => {
    const instant = new Date("2026-12-04T13:30:00Z");
    localTime(instant, HANOI);
    expect(localTime(instant, "UTC")).toMatchObject({ hour: 13, weekday: 5 });
  });
});
