/**
 * Zalo ids are long (a 19-digit bot id is common) and JSON.parse would round any that arrives
 * as a bare number. Node 20 has no JSON.parse source access, so integer literals too large to
 * be exact are turned into strings before parsing; everything else parses as usual.
 */

const NUMBER_LITERAL = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses JSON text from Zalo, keeping every integer too large for a JS number as its exact digits (a string). */
export function parseZaloJson(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

function quoteUnsafeIntegers(text: string): string {
  let out = "";
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      i = endOfString(text, i);
      continue;
    }
    if (ch === 0x2d /* - */ || (ch >= 0x30 && ch <= 0x39)) {
      NUMBER_LITERAL.lastIndex = i;
      const match = NUMBER_LITERAL.exec(text);
      if (!match) {
        i += 1;
        continue;
      }
      const literal = match[0];
      const isInteger = /^-?\d+$/.test(literal);
      if (isInteger && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(copiedUpTo, i)}"${literal}"`;
        copiedUpTo = i + literal.length;
      }
      i += literal.length;
      continue;
    }
    i += 1;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** Index just past the closing quote of the string starting at `start` (or the text's end). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c /* \ */) {
      i += 2;
    } else if (ch === 0x22) {
      return i + 1;
    } else {
      i += 1;
    }
  }
  return i;
}
