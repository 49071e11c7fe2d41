/**
 * Reading and writing the parts of a TrueType font file a subset needs: its table directory,
 * glyph locations and composite glyphs, the Windows Unicode character map. Offsets and layouts
 * are those of the OpenType specification.
 */

/** One table of a font file: its four-letter tag and its bytes. */
export interface Table {
  tag: string;
  data: Buffer;
}

export function readTables(font: Buffer): Table[] {
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

export function glyphOffsets(loca: Buffer, format: number, glyphCount: number): number[] {
  const offsets: number[] = [];
  for (let glyph = 0; glyph <= glyphCount; glyph++) {
    offsets.push(format === 0 ? loca.readUInt16BE(glyph * 2) * 2 : loca.readUInt32BE(glyph * 4));
  }
  return offsets;
}

/** Adds a glyph and, for a composite one (most accented letters), the glyphs it is built of. */
export function withComponents(
  glyf: Buffer,
  offsets: number[],
  glyph: number,
  into: Set<number>,
): void {
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
export function characterMap(cmap: Buffer): Map<number, number> {
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
export function format4CharacterMap(mapping: ReadonlyMap<number, number>): Buffer {
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

export function writeFont(tables: Table[]): Buffer {
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
