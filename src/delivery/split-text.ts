/**
 * Boundaries to split a long text at, best first: paragraphs, lines, sentences, words. Each
 * matches the separator, which stays with the piece before it.
 */
const BOUNDARIES = [/\n[ \t]*\n\s*/g, /\n/g, /[.!?…]+["'”’»)\]]*\s+/g, /\s+/g] as const;

/**
 * Splits a text into parts of at most `maxLength` characters (UTF-16 code units, as Telegram
 * and Zalo count), in order, cutting at paragraph breaks where it can, then at line breaks,
 * sentence ends and spaces; only a word longer than a whole part is cut inside. Whitespace at
 * a cut is dropped; nothing else is lost or reordered.
 */
export function splitText(text: string, maxLength: number): string[] {
  if (!Number.isInteger(maxLength) || maxLength < 2) {
    throw new Error(`maxLength must be a whole number of at least 2, not ${maxLength}`);
  }
  if (text.length <= maxLength) return [text];
  return splitAt(text, maxLength, 0)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function splitAt(text: string, maxLength: number, level: number): string[] {
  if (text.trim().length <= maxLength) return [text];
  const boundary = BOUNDARIES[level];
  if (!boundary) return hardCut(text, maxLength);
  const parts: string[] = [];
  let current = "";
  for (const piece of piecesOf(text, boundary)) {
    if ((current + piece).trimEnd().length <= maxLength) {
      current += piece;
      continue;
    }
    if (current.trim()) parts.push(current);
    current = "";
    const pieceParts =
      piece.trim().length <= maxLength ? [piece] : splitAt(piece, maxLength, level + 1);
    // The last bit of an oversized piece may still share a part with what follows it.
    current = pieceParts.pop() ?? "";
    parts.push(...pieceParts);
  }
  if (current.trim()) parts.push(current);
  return parts;
}

/** The text cut after each separator; joined, they give the text back exactly. */
function piecesOf(text: string, boundary: RegExp): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (end > start) pieces.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

/** Cuts every `maxLength` code units, never between the halves of a surrogate pair (an emoji). */
function hardCut(text: string, maxLength: number): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + maxLength, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}
