import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { compileSummary } from "../../src/domain/summary/index.js";
import { createI18n, translatorFor } from "../../src/i18n.js";
import { renderHamletsCsv } from "../../src/render/csv.js";
import { cityInput } from "../domain/summary/city.js";

const i18n = createI18n();
const vi = translatorFor(i18n, "vi");
const en = translatorFor(i18n, "en");
const week9 = compileSummary(cityInput("tp", { kind: "week", week: "2025-W09" }));

/** The CSV as Excel reads it: the byte-order mark first, then the table. */
function table(csv: string): string[][] {
  expect(csv.codePointAt(0)).toBe(0xfeff);
  return parse(csv.slice(1)) as string[][];
}

describe("the per-hamlet CSV", () => {
  it("opens in Excel with Vietnamese letters intact: a BOM, Vietnamese headers, a row per hamlet", () => {
    const [header, ...rows] = table(renderHamletsCsv(week9, vi));
    expect(header).toEqual([
      "Mã xóm",
      "Xóm",
      "Xã, phường",
      "Số tuần đã báo cáo",
      "Số tuần báo cáo đúng hạn",
      "Đường bê tông hóa mới (m)",
      "Nhân dân đóng góp (triệu đồng)",
      "Ngày công lao động (ngày công)",
      "Cây xanh trồng mới (cây)",
    ]);
    expect(rows.map((r) => r[0])).toEqual(week9.hamlets.map((h) => h.hamlet.id));
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

  it("has English headers for an English reader", () => {
    const [header] = table(renderHamletsCsv(week9, en));
    expect(header?.slice(0, 6)).toEqual([
      "Hamlet code",
      "Hamlet",
      "Commune or ward",
      "Weeks reported",
      "Weeks reported on time",
      "New concrete roads (m)",
    ]);
  });

  it("holds plain numbers that add up to the summary's totals", () => {
    const rows = table(renderHamletsCsv(week9, vi)).slice(1);
    week9.fields.forEach((field, i) => {
      const column = rows.map((r) => r[5 + i] ?? "");
      expect(
        column.every((v) => /^-?\d+(\.\d+)?$/.test(v)),
        field.fieldId,
      ).toBe(true);
      expect(column.reduce((a, v) => a + Number(v), 0)).toBeCloseTo(field.value);
    });
    expect(rows.find((r) => r[0] === "tl.lung-vai")?.[6]).toBe("1000");
  });

  it("counts weeks over a longer period", () => {
    const feb = compileSummary(cityInput("an-binh", { kind: "month", year: 2025, month: 2 }));
    const rows = table(renderHamletsCsv(feb, vi)).slice(1);
    expect(rows.map((r) => [r[1], r[3], r[4]])).toEqual([
      ["Xóm Bản Chang", "3", "3"],
      ["Xóm Cốc Phường", "3", "2"],
      ["Xóm Đà Quận", "2", "2"],
    ]);
  });
});
