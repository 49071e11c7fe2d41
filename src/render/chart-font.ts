import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

/**
 * The characters a chart's font keeps: Latin with every Vietnamese letter and tone mark,
 * punctuation, currency. A character outside them is drawn from the
 * whole font, loaded after this one.
 */
const KEPT_CHARACTERS: readonly (readonly [number, number])[] = [
  [0x0000, 0x024f], // Basic Latin to Latin Extended-B
  [0x0300, 0x036f], // combining marks (tones typed apart from their letter)
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese)
  [0x2000, 0x206f], // general punctuation: dashes, quotes, ellipsis
  [0x20a0, 0x20cf], // currency (₫)
];

/** Tables the renderer never reads: hinting (resvg draws unhinted outlines) and glyph names. */
const DROPPED_TABLES = new Set(["fpgm", "prep", "cvt ", "hdmx", "VDMX", "LTSH", "FFTM", "MATH"]);

/**
 * The font files to draw a chart with: each font's subset first, then the whole fonts for
 * any character the subsets leave out. resvg takes fonts only as files, so the subsets are
 * written once under the system's temporary folder, named by what they were cut from (one
 * copy for every start and every instance); a font that cannot be cut is used whole.
 */
export function chartFontFiles(wholeFonts: readonly string[]): Promise<readonly string[]> {
  const key = wholeFonts.join("\n");
  let files = written.get(key);
  if (!files) {
    files = Promise.all(wholeFonts.map(writtenSubset)).then(
      (subsets) => [...subsets, ...wholeFonts],
      () => wholeFonts,
    );
    written.set(key, files);
  }
  return files;
}

/** Subsets written by this process, by the fonts they were cut from: a handful, never dropped. */
const written = new Map<string, Promise<readonly string[]>>();

async function writtenSubset(fontFile: string): Promise<string> {
  const whole = await readFile(fontFile);
  const version = createHash("sha256").update(whole).digest("hex").slice(0, 16);
  const dir = join(tmpdir(), "chung-suc-chart-fonts", version);
  const file = join(dir, basename(fontFile));
  await mkdir(dir, { recursive: true });
  // Written aside, then renamed: another instance may be reading the same name.
  const aside = `${file}.${process.pid}.tmp`;
  await writeFile(aside, chartFontSubset(whole));
  await rename(aside, file);
  return file;
}

interface Table {
  tag: string;
  data: Buffer;
}

/**
 * A TrueType font cut down to the outlines a chart can use, glyph numbers unchanged.
 *
 * resvg reads the whole font file again for every glyph it draws (its font database holds
 * paths, not bytes): 1,600 reads of DejaVu Sans's 757 KB for a province's chart, 55 of its
 * 85 ms of CPU. Here only the outlines of KEPT_CHARACTERS stay, with every glyph the shaper
 * may put in their place (ligatures, alternates) and the parts of composite glyphs; other
 * characters are unmapped, so the whole font, loaded as a fallback, draws them. Glyph
 * numbers and every table the shaper reads stay, so text is shaped, spaced and drawn
 * exactly as from the whole font.
 */
export function chartFontSubset(font: Buffer): Buffer {
  const tables = readTables(font);
  const table = (tag: string) => {
    const found = tables.find((t) => t.tag === tag)?.data;
    if (!found) throw new Error(`no ${tag} table in the font`);
    return found;
  };
  const head = Buffer.from(table("head"));
  const glyphCount = table("maxp").readUInt16BE(4);
  const offsets = glyphOffsets(table("loca"), head.readInt16BE(50), glyphCount);
  const glyf = table("glyf");
  const mapping = characterMap(table("cmap"));
  const kept = new Map([...mapping].filter(([character]) => isKept(character)));
  const shaped = substitutionClosure(tables.find((t) => t.tag === "GSUB")?.data, [
    0,
    ...kept.values(),
  ]);
  const needed = new Set<number>();
  for (const glyph of shaped) withComponents(glyf, offsets, glyph, needed);
  const outlines: Buffer[] = [];
  const loca = Buffer.alloc((glyphCount + 1) * 4);
  let at = 0;
  for (let glyph = 0; glyph < glyphCount; glyph++) {
    loca.writeUInt32BE(at, glyph * 4);
    if (!needed.has(glyph)) continue;
    const outline = glyf.subarray(offsets[glyph], offsets[glyph + 1]);
    const padded = Buffer.alloc(outline.length + ((4 - (outline.length % 4)) % 4));
    outline.copy(padded);
    outlines.push(padded);
    at += padded.length;
  }
  loca.writeUInt32BE(at, glyphCount * 4);
  head.writeInt16BE(1, 50); // long offsets in loca
  const post = Buffer.from(table("post").subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0); // no glyph names
  const replaced = new Map<string, Buffer>([
    ["head", head],
    ["loca", loca],
    ["glyf", Buffer.concat(outlines)],
    ["cmap", format4CharacterMap(kept)],
    ["post", post],
  ]);
  return writeFont(
    tables
      .filter((t) => !DROPPED_TABLES.has(t.tag))
      .map((t) => ({ tag: t.tag, data: replaced.get(t.tag) ?? t.data })),
  );
}

function isKept(character: number): boolean {
  return KEPT_CHARACTERS.some(([first, last]) => character >= first && character <= last);
}

function readTables(font: Buffer): Table[] {
  const count = font.readUInt16BE(4);
  const tables: Table[] = [];
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    const offset = font.readUInt32BE(record + 8);
    tables.push({
      tag: font.toString("latin1", record, record + 4),
      data: font.subarray(offset, offset + font.readUInt32BE(record + 12)),
    });
  }
  return tables;
}

function glyphOffsets(loca: Buffer, format: number, glyphCount: number): number[] {
  const offsets: number[] = [];
  for (let glyph = 0; glyph <= glyphCount; glyph++) {
    offsets.push(format === 0 ? loca.readUInt16BE(glyph * 2) * 2 : loca.readUInt32BE(glyph * 4));
  }
  return offsets;
}

/**
 * The glyphs given and every glyph a substitution (single, multiple, alternate, ligature;
 * in any script or feature, so possibly more than needed) can turn them into.
 */
function substitutionClosure(gsub: Buffer | undefined, glyphs: readonly number[]): Set<number> {
  const closure = new Set(glyphs);
  if (!gsub) return closure;
  const subtables: { type: number; at: number }[] = [];
  const lookupList = gsub.readUInt16BE(8);
  const lookups = gsub.readUInt16BE(lookupList);
  for (let l = 0; l < lookups; l++) {
    const lookup = lookupList + gsub.readUInt16BE(lookupList + 2 + l * 2);
    const type = gsub.readUInt16BE(lookup);
    const count = gsub.readUInt16BE(lookup + 4);
    for (let s = 0; s < count; s++) {
      const at = lookup + gsub.readUInt16BE(lookup + 6 + s * 2);
      if (type === 7) {
        subtables.push({ type: gsub.readUInt16BE(at + 2), at: at + gsub.readUInt32BE(at + 4) });
      } else subtables.push({ type, at });
    }
  }
  let grew = true;
  while (grew) {
    const before = closure.size;
    for (const { type, at } of subtables) substitute(gsub, type, at, closure);
    grew = closure.size > before;
  }
  return closure;
}

/** Adds what one substitution subtable makes of the glyphs in `glyphs`. */
function substitute(gsub: Buffer, type: number, at: number, glyphs: Set<number>): void {
  const covered = coverage(gsub, at + gsub.readUInt16BE(at + 2));
  const format = gsub.readUInt16BE(at);
  if (type === 1) {
    covered.forEach((glyph, i) => {
      if (!glyphs.has(glyph)) return;
      glyphs.add(
        format === 1
          ? (glyph + gsub.readInt16BE(at + 4)) & 0xffff
          : gsub.readUInt16BE(at + 6 + i * 2),
      );
    });
  } else if (type === 2 || type === 3) {
    covered.forEach((glyph, i) => {
      if (!glyphs.has(glyph)) return;
      const sequence = at + gsub.readUInt16BE(at + 6 + i * 2);
      const count = gsub.readUInt16BE(sequence);
      for (let k = 0; k < count; k++) glyphs.add(gsub.readUInt16BE(sequence + 2 + k * 2));
    });
  } else if (type === 4) {
    covered.forEach((glyph, i) => {
      if (!glyphs.has(glyph)) return;
      const set = at + gsub.readUInt16BE(at + 6 + i * 2);
      const count = gsub.readUInt16BE(set);
      for (let k = 0; k < count; k++) {
        const ligature = set + gsub.readUInt16BE(set + 2 + k * 2);
        const parts = gsub.readUInt16BE(ligature + 2);
        let all = true;
        for (let p = 1; p < parts; p++) {
          if (!glyphs.has(gsub.readUInt16BE(ligature + 2 + p * 2))) all = false;
        }
        if (all) glyphs.add(gsub.readUInt16BE(ligature));
      }
    });
  }
}

/** The glyphs of a coverage table, in coverage order. */
function coverage(gsub: Buffer, at: number): number[] {
  const glyphs: number[] = [];
  const count = gsub.readUInt16BE(at + 2);
  if (gsub.readUInt16BE(at) === 1) {
    for (let i = 0; i < count; i++) glyphs.push(gsub.readUInt16BE(at + 4 + i * 2));
  } else {
    for (let i = 0; i < count; i++) {
      const range = at + 4 + i * 6;
      for (let g = gsub.readUInt16BE(range); g <= gsub.readUInt16BE(range + 2); g++) glyphs.push(g);
    }
  }
  return glyphs;
}

/** Adds a glyph and, for a composite one (most accented letters), the glyphs it is built of. */
function withComponents(glyf: Buffer, offsets: number[], glyph: number, into: Set<number>): void {
  if (into.has(glyph)) return;
  into.add(glyph);
  const start = offsets[glyph] ?? 0;
  if ((offsets[glyph + 1] ?? 0) <= start || glyf.readInt16BE(start) >= 0) return;
  const ARGS_ARE_WORDS = 0x1;
  const HAS_SCALE = 0x8;
  const MORE_COMPONENTS = 0x20;
  const HAS_XY_SCALE = 0x40;
  const HAS_TWO_BY_TWO = 0x80;
  let at = start + 10;
  let flags: number;
  do {
    flags = glyf.readUInt16BE(at);
    withComponents(glyf, offsets, glyf.readUInt16BE(at + 2), into);
    at += 4 + (flags & ARGS_ARE_WORDS ? 4 : 2);
    if (flags & HAS_SCALE) at += 2;
    else if (flags & HAS_XY_SCALE) at += 4;
    else if (flags & HAS_TWO_BY_TWO) at += 8;
  } while (flags & MORE_COMPONENTS);
}

/** Character → glyph from the font's Windows Unicode BMP subtable (format 4). */
function characterMap(cmap: Buffer): Map<number, number> {
  const count = cmap.readUInt16BE(2);
  for (let i = 0; i < count; i++) {
    const record = 4 + i * 8;
    const at = cmap.readUInt32BE(record + 4);
    if (cmap.readUInt16BE(record) === 3 && cmap.readUInt16BE(record + 2) === 1) {
      if (cmap.readUInt16BE(at) === 4) return readFormat4(cmap, at);
    }
  }
  throw new Error("no Windows Unicode BMP character map");
}

function readFormat4(cmap: Buffer, at: number): Map<number, number> {
  const segments = cmap.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const mapping = new Map<number, number>();
  for (let i = 0; i < segments; i++) {
    const end = cmap.readUInt16BE(ends + i * 2);
    const start = cmap.readUInt16BE(starts + i * 2);
    const delta = cmap.readInt16BE(deltas + i * 2);
    const rangeOffsetAt = rangeOffsets + i * 2;
    const rangeOffset = cmap.readUInt16BE(rangeOffsetAt);
    for (let character = start; character <= end && character !== 0xffff; character++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (character + delta) & 0xffff;
      else {
        const index = cmap.readUInt16BE(rangeOffsetAt + rangeOffset + (character - start) * 2);
        glyph = index === 0 ? 0 : (index + delta) & 0xffff;
      }
      if (glyph !== 0) mapping.set(character, glyph);
    }
  }
  return mapping;
}

/** A cmap table with one Windows Unicode BMP subtable: a segment per run of characters. */
function format4CharacterMap(mapping: ReadonlyMap<number, number>): Buffer {
  const characters = [...mapping.keys()].sort((a, b) => a - b);
  const segments: { start: number; end: number }[] = [];
  for (const character of characters) {
    const last = segments.at(-1);
    if (last && last.end === character - 1) last.end = character;
    else segments.push({ start: character, end: character });
  }
  segments.push({ start: 0xffff, end: 0xffff });
  const glyphIds: number[] = [];
  const segCount = segments.length;
  const header = 14;
  const arrays = segCount * 8 + 2;
  const length = header + arrays + characters.length * 2;
  const sub = Buffer.alloc(length);
  sub.writeUInt16BE(4, 0);
  sub.writeUInt16BE(length, 2);
  const searchRange = 2 * 2 ** Math.floor(Math.log2(segCount));
  sub.writeUInt16BE(segCount * 2, 6);
  sub.writeUInt16BE(searchRange, 8);
  sub.writeUInt16BE(Math.log2(searchRange / 2), 10);
  sub.writeUInt16BE(segCount * 2 - searchRange, 12);
  const ends = header;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  const glyphArray = rangeOffsets + segCount * 2;
  segments.forEach(({ start, end }, i) => {
    sub.writeUInt16BE(end, ends + i * 2);
    sub.writeUInt16BE(start, starts + i * 2);
    if (start === 0xffff) {
      sub.writeInt16BE(1, deltas + i * 2);
      return;
    }
    // Every glyph of the segment listed: glyph numbers of neighbours are not consecutive.
    const rangeOffsetAt = rangeOffsets + i * 2;
    sub.writeUInt16BE(glyphArray + glyphIds.length * 2 - rangeOffsetAt, rangeOffsetAt);
    for (let character = start; character <= end; character++) {
      glyphIds.push(mapping.get(character) ?? 0);
    }
  });
  glyphIds.forEach((glyph, i) => {
    sub.writeUInt16BE(glyph, glyphArray + i * 2);
  });
  const cmap = Buffer.alloc(12);
  cmap.writeUInt16BE(0, 0);
  cmap.writeUInt16BE(1, 2);
  cmap.writeUInt16BE(3, 4);
  cmap.writeUInt16BE(1, 6);
  cmap.writeUInt32BE(12, 8);
  return Buffer.concat([cmap, sub]);
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = Buffer.alloc(data.length + ((4 - (data.length % 4)) % 4));
  data.copy(padded);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeFont(tables: Table[]): Buffer {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const count = sorted.length;
  const headerLength = 12 + count * 16;
  const header = Buffer.alloc(headerLength);
  const entrySelector = Math.floor(Math.log2(count));
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(2 ** entrySelector * 16, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(count * 16 - 2 ** entrySelector * 16, 10);
  const bodies: Buffer[] = [];
  let offset = headerLength;
  sorted.forEach(({ tag, data }, i) => {
    const record = 12 + i * 16;
    const body = Buffer.alloc(data.length + ((4 - (data.length % 4)) % 4));
    data.copy(body);
    if (tag === "head") body.writeUInt32BE(0, 8);
    header.write(tag, record, "latin1");
    header.writeUInt32BE(checksum(body), record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(data.length, record + 12);
    bodies.push(body);
    offset += body.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  const headAt = header.readUInt32BE(12 + sorted.findIndex((t) => t.tag === "head") * 16 + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}
