import { describe, expect, it } from "vitest";
import { compileSummary } from "../../../src/domain/summary/index.js";
import { cityInput } from "./city.js";

const week9 = { kind: "week", week: "2025-W09" } as const;

function totalsOf(summary: ReturnType<typeof compileSummary>) {
  return Object.fromEntries(
    summary.fields.map((f) => [f.fieldId, [f.value, f.previous, f.running]]),
  );
}

describe("field totals", () => {
  it("sums every field of the reports, with last week and the running total", () => {
    const summary = compileSummary(cityInput("tp", week9));
    // Đà Quận's 5,000 m, returned for clarification, still count; Bản Chang's replaced first
    // filing does not; the running total starts with the campaign, so 2020 is left out.
    expect(totalsOf(summary)).toEqual({
      roadConcretedM: [7400, 1100, 8800],
      fundsPeopleMillionVnd: [1036.5, 4, 1045.5],
      labourDays: [120, 45, 175],
      treesPlanted: [125, 60, 225],
    });
    expect(summary.previousPeriod).toEqual({ kind: "week", week: "2025-W08" });
    expect(summary.runningFrom).toBe("2021-W01");
  });

  it("lists every field even when nothing was reported for it", () => {
    const summary = compileSummary(cityInput("tan-lap", { kind: "week", week: "2025-W08" }));
    expect(summary.fields.map((f) => f.fieldId)).toEqual([
      "roadConcretedM",
      "fundsPeopleMillionVnd",
      "labourDays",
      "treesPlanted",
    ]);
    expect(summary.fields.every((f) => f.value === 0)).toBe(true);
  });

  it("gives each hamlet its own line with what it reported", () => {
    const { hamlets } = compileSummary(cityInput("an-binh", week9));
    expect(
      hamlets.map((h) => [h.hamlet.name, h.weeksOnTime, h.weeksLate, h.values.roadConcretedM]),
    ).toEqual([
      ["Xóm Bản Chang", 1, 0, 1500],
      ["Xóm Cốc Phường", 0, 1, 900],
      ["Xóm Đà Quận", 1, 0, 5000],
    ]);
  });

  it("collects the difficulties and good deeds raised in counted reports", () => {
    const summary = compileSummary(cityInput("tp", week9));
    expect(summary.difficulties.map((d) => [d.hamlet.name, d.text])).toEqual([
      ["Xóm Bản Chang", "Thiếu xi măng cho đoạn đường Nà Rị"],
      ["Xóm Nà Khoang", "Mưa lớn, sạt taluy"],
    ]);
    expect(summary.stories).toEqual([
      expect.objectContaining({
        week: "2025-W09",
        text: "Ông Nông Văn Thắng hiến 200 m² đất làm đường",
        consent: true,
        hasPhoto: false,
      }),
    ]);
  });

  it("compares a month with the month before", () => {
    const feb = compileSummary(cityInput("tp", { kind: "month", year: 2025, month: 2 }));
    const road = feb.fields.find((f) => f.fieldId === "roadConcretedM");
    expect(road).toMatchObject({ value: 8800, previous: 0, running: 8800 });
  });

  it("with no plan in force, runs totals from the first report, and shows no plan", () => {
    const before = compileSummary(cityInput("tp", { kind: "week", week: "2020-W50" }));
    expect(before.fields[0]).toMatchObject({ value: 777, previous: 0, running: 777 });
    expect(before.runningFrom).toBe("2020-W50");
    expect(before.plan).toBeUndefined();
    const whole = compileSummary(
      cityInput("tp", {
        kind: "campaign",
        campaignId: "ntm-test",
        from: "2021-01-01",
        to: "2025-12-31",
      }),
    );
    expect(whole.previousPeriod).toBeUndefined();
    // Counted so far: through week 10, under way.
    expect(whole.fields[0]).toMatchObject({ value: 9000, running: 9000 });
    expect(whole.fields[0]?.previous).toBeUndefined();
  });
});
