/**
 * The glyphs given and every glyph a substitution (single, multiple, alternate, ligature;
 * in any script or feature, so possibly more than needed) can turn them into.
 */
export function substitutionClosure(
  gsub: Buffer | undefined,
  glyphs: readonly number[],
): Set<number> {
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
