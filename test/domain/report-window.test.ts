import { describe, expect, it } from "vitest";
import {
  isOpenForHead,
  lateDeadline,
  lateness,
  reportWindow,
} from "../../src/domain/report-window.js";

const VN = "Asia/Ho_Chi_Minh";
// Week 2026-W48 runs Monday 23/11 to Sunday 29/11/2026; Vietnam is UTC+7 all year.
const vn = (local: string): Date => new Date(`${local}+07:00`);

describe("when a hamlet head can still send a week's report", () => {
  it("on Sunday 23:59 the week is on time, and last week is already closed", () => {
    const now = vn("2026-11-29T23:59:00");
    expect(reportWindow(now, VN)).toEqual({ current: "2026-W48" });
    expect(isOpenForHead("2026-W48", now, VN, false)).toBe("on-time");
    expect(isOpenForHead("2026-W47", now, VN, false)).toBe("closed");
  });

  it("on Monday 11:59 the head may pick this week or last week, which counts as late", () => {
    const now = vn("2026-11-30T11:59:00");
    expect(reportWindow(now, VN)).toEqual({ current: "2026-W49", lateWeek: "2026-W48" });
    expect(isOpenForHead("2026-W48", now, VN, false)).toBe("late");
    expect(isOpenForHead("2026-W49", now, VN, false)).toBe("on-time");
  });

  it("from Monday 12:00 last week is closed", () => {
    for (const local of ["2026-11-30T12:00:00", "2026-11-30T13:00:00"]) {
      const now = vn(local);
      expect(reportWindow(now, VN)).toEqual({ current: "2026-W49" });
      expect(isOpenForHead("2026-W48", now, VN, false)).toBe("closed");
    }
  });

  it("a week an official reopened takes late reports again", () => {
    const now = vn("2026-12-09T09:00:00");
    expect(isOpenForHead("2026-W48", now, VN, false)).toBe("closed");
    expect(isOpenForHead("2026-W48", now, VN, true)).toBe("late");
  });

  it("next week is not open yet, even if reopened", () => {
    const now = vn("2026-11-29T20:00:00");
    expect(isOpenForHead("2026-W49", now, VN, false)).toBe("closed");
    expect(isOpenForHead("2026-W49", now, VN, true)).toBe("closed");
  });

  it("counts Monday 00:30 in Vietnam as the new week although UTC is still on Sunday", () => {
    const now = vn("2026-11-30T00:30:00");
    expect(now.getUTCDay()).toBe(0);
    expect(reportWindow(now, VN)).toEqual({ current: "2026-W49", lateWeek: "2026-W48" });
  });

  it("closes late reports at noon of the Monday after the week, local time", () => {
    expect(lateDeadline("2026-W48", VN).toISOString()).toBe("2026-11-30T05:00:00.000Z");
    expect(lateDeadline("2026-W53", VN).toISOString()).toBe("2027-01-04T05:00:00.000Z");
  });
});

describe("marking a submitted report late", () => {
  it("is on time up to Sunday 23:59:59 local", () => {
    expect(lateness("2026-W48", vn("2026-11-29T23:59:59"), VN)).toBe(false);
    expect(lateness("2026-W48", vn("2026-11-23T00:00:00"), VN)).toBe(false);
  });

  it("is late from Monday 00:00 local, including a reopened week's report days later", () => {
    expect(lateness("2026-W48", vn("2026-11-30T00:00:00"), VN)).toBe(true);
    expect(lateness("2026-W48", vn("2026-11-30T11:59:00"), VN)).toBe(true);
    expect(lateness("2026-W48", vn("2026-12-09T09:00:00"), VN)).toBe(true);
  });
});
