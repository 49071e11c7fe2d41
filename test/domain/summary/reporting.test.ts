import { describe, expect, it } from "vitest";
import { compileSummary, UnknownAreaError } from "../../../src/domain/summary/index.js";
import { cityInput } from "./city.js";

const week9 = { kind: "week", week: "2025-W09" } as const;

describe("who reported in a week", () => {
  it("counts on-time and late reports against the hamlets expected, city-wide", () => {
    const { reporting } = compileSummary(cityInput("tp", week9));
    expect(reporting).toMatchObject({
      expected: 7,
      onTime: 5,
      late: 1,
      reported: 6,
      missing: 1,
      returned: 1,
    });
    expect(reporting.rate).toBeCloseTo(6 / 7);
  });

  it("names the missing hamlets, and apart from them the reports awaiting clarification", () => {
    const { reporting } = compileSummary(cityInput("tp", week9));
    expect(reporting.missingHamlets.map((h) => [h.name, h.communeName])).toEqual([
      ["Xóm Pác Pó", "Xã Xuân Hòa"],
    ]);
    expect(reporting.awaitingClarification.map((h) => [h.name, h.weeksReturned])).toEqual([
      ["Xóm Đà Quận", 1],
    ]);
  });

  it("answers for one commune with only its hamlets", () => {
    const { reporting, area } = compileSummary(cityInput("an-binh", week9));
    expect(area.name).toBe("Xã An Bình");
    expect(reporting).toMatchObject({ expected: 3, onTime: 2, late: 1, missing: 0, returned: 1 });
    expect(reporting.missingHamlets).toEqual([]);
  });

  it("does not expect a hamlet in weeks before it existed", () => {
    // Xóm Mới exists from Wednesday 26 February (week 9), not in week 8.
    expect(compileSummary(cityInput("tan-lap", week9)).reporting.expected).toBe(2);
    const week8 = compileSummary(cityInput("tan-lap", { kind: "week", week: "2025-W08" }));
    expect(week8.reporting.expected).toBe(1);
    expect(week8.reporting.missingHamlets.map((h) => h.name)).toEqual(["Xóm Lũng Vài"]);
  });

  it("counts hamlet-weeks over a month and lists each hamlet's missing weeks", () => {
    const feb = compileSummary(cityInput("an-binh", { kind: "month", year: 2025, month: 2 }));
    expect(feb.weeks).toEqual(["2025-W06", "2025-W07", "2025-W08", "2025-W09"]);
    expect(feb.reporting).toMatchObject({ expected: 12, onTime: 7, late: 1, missing: 4 });
    expect(feb.reporting.missingHamlets.map((h) => [h.name, h.weeksMissing])).toEqual([
      ["Xóm Bản Chang", 1],
      ["Xóm Cốc Phường", 1],
      ["Xóm Đà Quận", 2],
    ]);
  });

  it("does not expect weeks that have not begun", () => {
    const march = compileSummary(cityInput("an-binh", { kind: "month", year: 2025, month: 3 }));
    expect(march.weeksElapsed).toEqual(["2025-W10"]);
    expect(march.complete).toBe(false);
    expect(march.reporting.expected).toBe(3);
    expect(compileSummary(cityInput("an-binh", week9)).complete).toBe(true);
  });

  it("keeps answering for a merged commune, and its successor ward answers the same", () => {
    const after = new Date("2025-08-01T03:00:00Z");
    const week30 = { kind: "week", week: "2025-W30" } as const;
    const merged = compileSummary(cityInput("xuan-hoa", week30, { now: after }));
    const successor = compileSummary(cityInput("hoa-thuan", week30, { now: after }));
    for (const summary of [merged, successor]) {
      expect(summary.reporting).toMatchObject({ expected: 2, reported: 1 });
      expect(summary.reporting.missingHamlets.map((h) => h.name)).toEqual(["Xóm Pác Pó"]);
      expect(summary.fields.find((f) => f.fieldId === "roadConcretedM")?.value).toBe(400);
    }
  });

  it("breaks the city down by commune, the merged one included", () => {
    const { parts } = compileSummary(cityInput("tp", week9));
    expect(parts.map((p) => [p.unit.name, p.reporting.reported, p.reporting.expected])).toEqual([
      ["Xã An Bình", 3, 3],
      ["Xã Xuân Hòa", 1, 2],
      ["Xã Tân Lập", 2, 2],
    ]);
  });

  it("puts a merged commune's hamlets under its successor once the merger has happened", () => {
    const after = new Date("2025-08-01T03:00:00Z");
    const week30 = { kind: "week", week: "2025-W30" } as const;
    const { parts } = compileSummary(cityInput("tp", week30, { now: after }));
    expect(parts.map((p) => p.unit.name)).toEqual(["Xã An Bình", "Phường Hòa Thuận", "Xã Tân Lập"]);
  });

  it("refuses an area that is not a unit", () => {
    expect(() => compileSummary(cityInput("nowhere", week9))).toThrow(UnknownAreaError);
  });
});
