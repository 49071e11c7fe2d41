import { readFileSync } from "node:fs";

/**
 * The set of code points a TrueType font maps to a glyph, read from its `cmap` table
 * (Windows Unicode subtables: format 12 when present, else format 4). Just enough to tell
 * whether a label will render with real glyphs rather than boxes.
 */
export function codePointsOf(fontFile: string): (codePoint: number) => boolean {
  const font = readFileSync(fontFile);
  const numTables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    if (font.toString("latin1", record, record + 4) === "cmap")
      cmap = font.readUInt32BE(record + 8);
  }
  if (cmap < 0) throw new Error(`${fontFile}: no cmap table`);
  const subtables = new Map<string, number>();
  const count = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const key = `${font.readUInt16BE(record)}/${font.readUInt16BE(record + 2)}`;
    subtables.set(key, cmap + font.readUInt32BE(record + 4));
  }
  const full = subtables.get("3/10");
  if (full !== undefined && font.readUInt16BE(full) === 12) return format12(font, full);
  const bmp = subtables.get("3/1");
  if (bmp !== undefined && font.readUInt16BE(bmp) === 4) return format4(font, bmp);
  throw new Error(`${fontFile}: no Windows Unicode cmap`);
}

function format12(font: Buffer, at: number): (codePoint: number) => boolean {
  const groups = font.readUInt32BE(at + 12);
  const ranges: [number, number, number][] = [];
  for (let i = 0; i < groups; i++) {
    const g = at + 16 + i * 12;
    ranges.push([font.readUInt32BE(g), font.readUInt32BE(g + 4), font.readUInt32BE(g + 8)]);
  }
  return (cp) =>
    ranges.some(([start, end, glyph]) => cp >= start && cp <= end && glyph + cp - start !== 0);
}

function format4(font: Buffer, at: number): (codePoint: number) => boolean {
  const segments = font.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (cp) => {
    if (cp > 0xffff) return false;
    for (let i = 0; i < segments; i++) {
      const end = font.readUInt16BE(ends + i * 2);
      if (cp > end) continue;
      const start = font.readUInt16BE(starts + i * 2);
      if (cp < start) return false;
      const delta = font.readInt16BE(deltas + i * 2);
      const rangeOffsetAt = rangeOffsets + i * 2;
      const rangeOffset = font.readUInt16BE(rangeOffsetAt);
      if (rangeOffset === 0) return ((cp + delta) & 0xffff) !== 0;
      const glyph = font.readUInt16BE(rangeOffsetAt + rangeOffset + (cp - start) * 2);
      return glyph !== 0;
    }
    return false;
  };
}
