import { describe, expect, it } from "vitest";
import { readWeek } from "../../src/domain/week-input.js";

const VN = "Asia/Ho_Chi_Minh";
// Wednesday 25/11/2026, 10:00 in Vietnam: inside 2026-W48 (23/11 – 29/11).
const WEDNESDAY = new Date("2026-11-25T03:00:00Z");

describe("a person names a week", () => {
  const cases: [typed: string, week: string | undefined][] = [
    ["48", "2026-W48"],
    ["1", "2026-W01"],
    ["49", "2025-W49"],
    ["53", undefined],
    ["2026-W48", "2026-W48"],
    ["2026-w48", "2026-W48"],
    ["2026W48", "2026-W48"],
    ["2020-W53", "2020-W53"],
    ["2025-W53", undefined],
    ["2026-W54", undefined],
    ["w48", "2026-W48"],
    ["W48", "2026-W48"],
    ["tuần 48", "2026-W48"],
    ["Tuần 48.", "2026-W48"],
    ["tuan 48", "2026-W48"],
    ["week 48", "2026-W48"],
    ["tuần 48/2025", "2025-W48"],
    ["tuần 48 năm 2025", "2025-W48"],
    ["25/11", "2026-W48"],
    ["27/11", "2026-W48"],
    ["25/11/2026", "2026-W48"],
    ["25-11-2026", "2026-W48"],
    ["25.11.2026", "2026-W48"],
    ["25/11/26", "2026-W48"],
    ["2026-11-25", "2026-W48"],
    ["30/11", "2025-W48"],
    ["31/02", undefined],
    ["31/02/2026", undefined],
    ["tuần này", "2026-W48"],
    ["tuan nay", "2026-W48"],
    ["This week", "2026-W48"],
    ["tuần trước", "2026-W47"],
    ["tuan truoc", "2026-W47"],
    ["last week", "2026-W47"],
    ["0", undefined],
    ["54", undefined],
    ["", undefined],
    ["tuần sau", undefined],
    ["abc", undefined],
  ];
  for (const [typed, week] of cases) {
    it(`on Wednesday 25/11/2026 "${typed}" means ${week ?? "no week"}`, () => {
      expect(readWeek(typed, WEDNESDAY, VN)).toBe(week);
    });
  }

  it("reads decomposed Vietnamese (NFD) the same", () => {
    expect(readWeek("tuần trước".normalize("NFD"), WEDNESDAY, VN)).toBe("2026-W47");
  });

  it("takes last year's week when this year's is still ahead, across New Year", () => {
    // Saturday 02/01/2027 belongs to ISO week 2026-W53.
    const newYear = new Date("2027-01-02T03:00:00Z");
    expect(readWeek("tuần này", newYear, VN)).toBe("2026-W53");
    expect(readWeek("1", newYear, VN)).toBe("2026-W01");
    expect(readWeek("52", newYear, VN)).toBe("2026-W52");
    expect(readWeek("31/12", newYear, VN)).toBe("2026-W53");
    expect(readWeek("01/01", newYear, VN)).toBe("2026-W53");
  });

  it("counts the week in Vietnam time, not UTC", () => {
    // Monday 30/11/2026 00:30 in Vietnam is still Sunday in UTC.
    const mondayEarly = new Date("2026-11-29T17:30:00Z");
    expect(readWeek("tuần này", mondayEarly, VN)).toBe("2026-W49");
    expect(readWeek("tuần trước", mondayEarly, VN)).toBe("2026-W48");
  });
});
