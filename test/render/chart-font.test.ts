import { readFile } from "node:fs/promises";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { CHART_FONT, CHART_FONT_FILES } from "../../src/render/chart.js";
import { chartFontFiles } from "../../src/render/chart-font.js";
import { codePointsOf } from "./font-cmap.js";

/** Lines as a chart writes them: Vietnamese names, tones, dashes, a ligature, the bold title. */
function svgOf(lines: readonly { text: string; bold?: boolean }[]): string {
  const texts = lines.map(
    ({ text, bold }, i) =>
      `<text x="4" y="${24 + i * 24}" font-family="${CHART_FONT}" font-size="16"` +
      `${bold ? ' font-weight="bold"' : ""}>${text}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="520" height="${lines.length * 24 + 12}">${texts.join("")}</svg>`;
}

function pixels(svg: string, fontFiles: readonly string[]): Buffer {
  return new Resvg(svg, {
    font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    background: "white",
  }).render().pixels;
}

const WHITE = 0xff;

describe("the chart font", () => {
  it("draws Vietnamese text exactly as the whole DejaVu Sans does, regular and bold", async () => {
    const svg = svgOf([
      { text: "Tỉnh Chạy Thử — tuần 24/02 – 02/03/2025", bold: true },
      { text: "Xã Đà Quận, xóm Pác Pó: 67%" },
      { text: "Ưu tiên: đường, cống; “kiểu mẫu” … ₫ office fire" },
      { text: "Ầ Ấ Ẫ Ậ ẳ ẵ ặ ề ể ễ ỉ ị ỏ ổ ỗ ờ ở ỡ ợ ủ ứ ừ ử ữ ự ỳ ỷ ỹ ỵ", bold: true },
      { text: "Ầ Ấ Ẫ Ậ ẳ ẵ ặ ề ể ễ ỉ ị ỏ ổ ỗ ờ ở ỡ ợ ủ ứ ừ ử ữ ự ỳ ỷ ỹ ỵ" },
    ]);
    const files = await chartFontFiles(CHART_FONT_FILES);
    expect(files).not.toEqual(CHART_FONT_FILES);
    expect(pixels(svg, files).equals(pixels(svg, CHART_FONT_FILES))).toBe(true);
  });

  it("still draws a letter it leaves out, from the whole font", async () => {
    const [subset] = await chartFontFiles(CHART_FONT_FILES);
    const cyrillic = "Жизнь";
    const hasGlyph = codePointsOf(subset as string);
    expect([...cyrillic].some((c) => hasGlyph(c.codePointAt(0) ?? 0))).toBe(false);
    const svg = svgOf([{ text: cyrillic }]);
    const drawn = pixels(svg, await chartFontFiles(CHART_FONT_FILES));
    expect(drawn.some((value) => value !== WHITE)).toBe(true);
    expect(drawn.equals(pixels(svg, CHART_FONT_FILES))).toBe(true);
  });

  it("is a fraction of the whole font, which the renderer reads again for every letter", async () => {
    const files = await chartFontFiles(CHART_FONT_FILES);
    for (const [i, whole] of CHART_FONT_FILES.entries()) {
      const subset = files[i] as string;
      expect((await readFile(subset)).length).toBeLessThan((await readFile(whole)).length / 3);
    }
  });
});
