import { describe, expect, it } from "vitest";
import { compileSummary } from "../../src/domain/summary/index.js";
import { UnitTree } from "../../src/domain/unit-tree.js";
import { createI18n, translatorFor } from "../../src/i18n.js";
import {
  CHART_FONT,
  CHART_FONT_FILES,
  chartSpec,
  renderChartPng,
  renderChartSvg,
} from "../../src/render/chart.js";
import { LargeCity } from "../../src/testing/large-city.js";
import { cityInput } from "../domain/summary/city.js";
import { codePointsOf } from "./font-cmap.js";

const i18n = createI18n();
const vi = translatorFor(i18n, "vi");
const en = translatorFor(i18n, "en");
const week9 = { kind: "week", week: "2025-W09" } as const;

function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function textsOf(svg: string): string[] {
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
  return texts.map((text) =>
    text
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&"),
  );
}

describe("the status chart", () => {
  it("is a PNG of a sensible size, taller when there are more parts to show", async () => {
    const city = pngSize(await renderChartPng(compileSummary(cityInput("tp", week9)), vi, "vi"));
    expect(city.width).toBeGreaterThan(600);
    expect(city.width).toBeLessThan(3000);
    expect(city.height).toBeGreaterThan(300);
    expect(city.height).toBeLessThan(3000);
    const hamlet = pngSize(
      await renderChartPng(compileSummary(cityInput("ab.ban-chang", week9)), vi, "vi"),
    );
    expect(hamlet.height).toBeLessThan(city.height);
  });

  it("draws a province of 100 communes no taller than Telegram shows a photo, 2560 px", async () => {
    const province = new LargeCity({ communes: 100, hamletsPerCommune: 2, weeks: 1 });
    const week = province.weeks[0] as string;
    const summary = compileSummary(
      cityInput(
        province.rootId,
        { kind: "week", week },
        {
          tree: new UnitTree(province.units),
          reports: province.allReports(),
          criteria: [],
          campaigns: [],
          now: new Date("2026-01-07T03:00:00.000Z"),
        },
      ),
    );
    expect(summary.parts).toHaveLength(100);
    const size = pngSize(await renderChartPng(summary, vi, "vi"));
    // Twice its layout would be about 5,000 px tall: drawn at the largest size shown instead.
    expect(size.height).toBe(2560);
    expect(size.width).toBeGreaterThan(400);
  });

  it("drawn again after a new report, shows the new figures, not the last chart's", async () => {
    const summary = compileSummary(cityInput("tp", week9));
    const before = textsOf(await renderChartSvg(summary, vi, "vi"));
    const [first, ...others] = summary.parts;
    if (!first) throw new Error("the city has no parts");
    // One more hamlet of the first commune reported: same chart, one figure moved.
    const after = {
      ...summary,
      parts: [{ ...first, reporting: { ...first.reporting, rate: 0.83 } }, ...others],
    };
    const texts = textsOf(await renderChartSvg(after, vi, "vi"));
    expect(before).not.toContain("83%");
    expect(texts).toContain("83%");
    expect(texts.filter((text) => !before.includes(text))).toEqual(["83%"]);
  });

  it("drawn for two readers at once, shows each their own figures", async () => {
    const summary = compileSummary(cityInput("tp", week9));
    const [first, ...others] = summary.parts;
    if (!first) throw new Error("the city has no parts");
    const withRate = (rate: number) => ({
      ...summary,
      parts: [{ ...first, reporting: { ...first.reporting, rate } }, ...others],
    });
    const [one, two] = await Promise.all([
      renderChartSvg(withRate(0.83), vi, "vi"),
      renderChartSvg(withRate(0.17), vi, "vi"),
    ]);
    expect(textsOf(one)).toContain("83%");
    expect(textsOf(one)).not.toContain("17%");
    expect(textsOf(two)).toContain("17%");
    expect(textsOf(two)).not.toContain("83%");
  });

  it("writes its title, parts and legend in the reader's language", async () => {
    const viTexts = textsOf(await renderChartSvg(compileSummary(cityInput("tp", week9)), vi, "vi"));
    expect(viTexts).toEqual(
      expect.arrayContaining([
        "Thành phố Thử — tuần 24/02 – 02/03/2025",
        "Xã An Bình",
        "Xã Xuân Hòa",
        "Tỷ lệ báo cáo",
        "Xóm đạt chuẩn NTM",
        "Xóm NTM kiểu mẫu",
        "67%",
      ]),
    );
    const enTexts = textsOf(
      await renderChartSvg(compileSummary(cityInput("an-binh", week9)), en, "en"),
    );
    expect(enTexts).toEqual(
      expect.arrayContaining([
        "Reporting rate",
        "NTM criteria met",
        "Model criteria met",
        "Xóm Đà Quận",
      ]),
    );
  });

  it("shows a hamlet with no head using the assistant in grey, as its own legend entry, not as 0% reported", async () => {
    const everyoneBut = (id: string) => {
      const all = compileSummary(cityInput("xuan-hoa", week9)).hamlets.map((row) => row.hamlet.id);
      return new Map(all.filter((h) => h !== id).map((h) => [h, "2020-01-01"]));
    };
    const summary = compileSummary(
      cityInput("xuan-hoa", week9, { reportingStarts: everyoneBut("xh.pac-po") }),
    );
    const svg = await renderChartSvg(summary, vi, "vi");
    expect(textsOf(svg)).toEqual(
      expect.arrayContaining(["Tỷ lệ báo cáo", "Chưa có trưởng xóm dùng trợ lý", "Xóm Pác Pó"]),
    );
    expect(svg).toContain('fill="#bab0ac"');
    const spec = chartSpec(summary, vi, "vi");
    const rows = (spec.data as { values: { part: string; measure: string }[] }).values;
    expect(rows.filter((row) => row.part === "Xóm Pác Pó").map((row) => row.measure)).not.toContain(
      "Tỷ lệ báo cáo",
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ part: "Xóm Pác Pó", measure: "Chưa có trưởng xóm dùng trợ lý" }),
    );
    const enTexts = textsOf(await renderChartSvg(summary, en, "en"));
    expect(enTexts).toContain("No hamlet head using the assistant yet");
  });

  it("draws every text in DejaVu Sans, which has a glyph for every character of it", async () => {
    const svg = await renderChartSvg(compileSummary(cityInput("tp", week9)), vi, "vi");
    const families = new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]));
    expect([...families]).toEqual([CHART_FONT]);
    const enSvg = await renderChartSvg(compileSummary(cityInput("an-binh", week9)), en, "en");
    const characters = new Set([...textsOf(svg), ...textsOf(enSvg)].join(""));
    for (const file of CHART_FONT_FILES) {
      const hasGlyph = codePointsOf(file);
      const missing = [...characters].filter((c) => !hasGlyph(c.codePointAt(0) ?? 0));
      expect(missing, file).toEqual([]);
    }
  });

  it("has a glyph check that does notice a missing glyph", () => {
    const hasGlyph = codePointsOf(CHART_FONT_FILES[0] ?? "");
    expect(hasGlyph("ệ".codePointAt(0) ?? 0)).toBe(true);
    expect(hasGlyph("Đ".codePointAt(0) ?? 0)).toBe(true);
    expect(hasGlyph("中".codePointAt(0) ?? 0)).toBe(false);
  });
});
