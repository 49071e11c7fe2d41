import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { substitutionClosure } from "./glyph-substitutions.js";
import {
  characterMap,
  format4CharacterMap,
  glyphOffsets,
  readTables,
  withComponents,
  writeFont,
} from "./truetype-tables.js";

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
