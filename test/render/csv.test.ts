import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { compileSummary } from "../../src/domain/summary/index.js";
import { renderHamletsCsv } from "../../src/render/csv.js";
import { cityInput } from "../domain/summary/city.js";

describe("the per-hamlet CSV", () => {
  it("has stable ids in its header and a row per hamlet", () => {
    const summary = compileSummary(cityInput("tp", { kind: "week", week: "2025-W09" }));
    const [header, ...rows] = parse(renderHamletsCsv(summary)) as string[][];
    expect(header).toEqual([
      "unit_id",
      "hamlet",
      "commune",
      "reported",
      "on_time",
      "roadConcretedM",
      "fundsPeopleMillionVnd",
      "labourDays",
      "treesPlanted",
    ]);
    expect(rows.map((r) => r[0])).toEqual(summary.hamlets.map((h) => h.hamlet.id));
    expect(rows.find((r) => r[0] === "ab.ban-chang")).toEqual([
      "ab.ban-chang",
      "Xóm Bản Chang",
      "Xã An Bình",
      "1",
      "1",
      "1500",
      "20.5",
      "0",
      "100",
    ]);
    expect(rows.find((r) => r[0] === "ab.coc-phuong")?.slice(3, 5)).toEqual(["1", "0"]);
    // Returned for clarification, Đà Quận's report still counts.
    expect(rows.find((r) => r[0] === "ab.da-quan")?.slice(3, 6)).toEqual(["1", "1", "5000"]);
    expect(rows.find((r) => r[0] === "xh.pac-po")?.slice(3, 5)).toEqual(["0", "0"]);
  });

  it("holds plain numbers that add up to the summary's totals", () => {
    const summary = compileSummary(cityInput("tp", { kind: "week", week: "2025-W09" }));
    const records = parse(renderHamletsCsv(summary), { columns: true }) as Record<string, string>[];
    for (const field of summary.fields) {
      const column = records.map((r) => r[field.fieldId] ?? "");
      expect(
        column.every((v) => /^-?\d+(\.\d+)?$/.test(v)),
        field.fieldId,
      ).toBe(true);
      expect(column.reduce((a, v) => a + Number(v), 0)).toBeCloseTo(field.value);
    }
    expect(records.find((r) => r.unit_id === "tl.lung-vai")?.fundsPeopleMillionVnd).toBe("1000");
  });

  it("counts weeks over a longer period", () => {
    const feb = compileSummary(cityInput("an-binh", { kind: "month", year: 2025, month: 2 }));
    const records = parse(renderHamletsCsv(feb), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => [r.hamlet, r.reported, r.on_time])).toEqual([
      ["Xóm Bản Chang", "3", "3"],
      ["Xóm Cốc Phường", "3", "2"],
      ["Xóm Đà Quận", "2", "2"],
    ]);
  });
});
