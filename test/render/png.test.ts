import { crc32, inflateSync } from "node:zlib";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { compileSummary } from "../../src/domain/summary/index.js";
import { createI18n, translatorFor } from "../../src/i18n.js";
import { CHART_FONT_FILES, renderChartSvg } from "../../src/render/chart.js";
import { encodePng } from "../../src/render/png.js";
import { cityInput } from "../domain/summary/city.js";

/** Reads a PNG as any viewer would: chunks with their checksums, then the rows of pixels. */
function decoded(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(data, crc32(type)) >>> 0);
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
  const header = chunks[0]?.data as Buffer;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([header[8], header[9]]).toEqual([8, 6]);
  const rows = inflateSync(chunks[1]?.data as Buffer);
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const start = y * (width * 4 + 1);
    expect(rows[start]).toBe(0);
    rows.copy(pixels, y * width * 4, start + 1, start + 1 + width * 4);
  }
  return { width, height, pixels };
}

describe("a chart's PNG", () => {
  it("holds exactly the pixels resvg drew, at their size", async () => {
    const vi = translatorFor(createI18n(), "vi");
    const svg = await renderChartSvg(
      compileSummary(cityInput("tp", { kind: "week", week: "2025-W09" })),
      vi,
      "vi",
    );
    const image = new Resvg(svg, {
      font: { fontFiles: [...CHART_FONT_FILES], loadSystemFonts: false },
      background: "white",
    }).render();
    const png = decoded(await encodePng(image));
    expect([png.width, png.height]).toEqual([image.width, image.height]);
    expect(png.pixels.equals(image.pixels)).toBe(true);
  });
});
