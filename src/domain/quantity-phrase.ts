import { type AnswerToken, tokenizeAnswer } from "./answer-tokens.js";
import { type AnswerWord, classifyWord, isNumberWord, isQuantityWord } from "./answer-words.js";
import { DIGIT_WORDS, evaluateNumberWords, type NumberAtom } from "./number-words.js";
import type { QuantityUnit } from "./quantity-units.js";

/** One number with the unit typed after it, if any: "1 km", "200 m", or a bare "350". */
export interface QuantityPart {
  value: number;
  unit?: QuantityUnit;
  /** The unit as typed, to name it back to the head. */
  unitText?: string;
  /** The number used nghìn, triệu, k… so it is an absolute amount ("500 nghìn"). */
  scaled: boolean;
  /** A scale that only fits money (triệu, tỷ, củ, tr), as typed. */
  moneyScale?: string;
}

/** What an answer says, before it is fitted to a field. */
export type QuantityPhrase =
  | { kind: "quantity"; parts: QuantityPart[]; approximate: boolean }
  | { kind: "skip" }
  | { kind: "zero" }
  | { kind: "unreadable" }
  | { kind: "range" }
  | { kind: "negative" }
  | { kind: "ambiguousSeparator"; asDecimal: number; asThousands: number };

type Item = AnswerWord | { kind: "numeral"; token: Extract<AnswerToken, { kind: "numeral" }> };

function startsNumber(token: AnswerToken | undefined): boolean {
  return token?.kind === "numeral" || (token?.kind === "word" && isNumberWord(token.bare));
}

function isNumeric(item: Item | undefined): boolean {
  return item?.kind === "atom" || item?.kind === "numeral" || item?.kind === "unit";
}

function classifySymbol(
  text: string,
  previous: Item | undefined,
  next: AnswerToken | undefined,
): Item {
  if ("~+<>".includes(text)) return { kind: "approximate" };
  // "=" is decoration; a leading "/" is a command-style "/skip".
  if (text === "=" || (text === "/" && previous === undefined)) return { kind: "filler" };
  if (text !== "-") return { kind: "unknown" };
  if (!startsNumber(next)) return { kind: "filler" };
  return isNumeric(previous) ? { kind: "connector" } : { kind: "negative" };
}

function classify(tokens: AnswerToken[]): Item[] {
  const items: Item[] = [];
  for (const [index, token] of tokens.entries()) {
    const next = tokens[index + 1];
    const previous = items.at(-1);
    if (token.kind === "numeral") items.push({ kind: "numeral", token });
    else if (token.kind === "symbol") items.push(classifySymbol(token.text, previous, next));
    else {
      items.push(
        classifyWord(token, {
          afterNumber: previous?.kind === "atom" || previous?.kind === "numeral",
          beforeNumber:
            next?.kind === "numeral" || (next?.kind === "word" && next.bare in DIGIT_WORDS),
          beforeQuantity: isQuantityWord(next),
        }),
      );
    }
  }
  return items;
}

/** Reads a typed answer into numbers and units, or says why it cannot. */
export function readQuantityPhrase(text: string): QuantityPhrase {
  const tokens = tokenizeAnswer(text);
  if (tokens.length > 0 && tokens.every((t) => t.kind === "symbol" && t.text === "-")) {
    return { kind: "skip" };
  }
  const items = classify(tokens).filter((item) => item.kind !== "filler");
  if (items.length === 0) return { kind: "unreadable" };
  if (items.every((item) => item.kind === "skip")) return { kind: "skip" };
  if (items.every((item) => item.kind === "zero")) return { kind: "zero" };
  if (items.some((item) => ["unknown", "skip", "zero"].includes(item.kind))) {
    return { kind: "unreadable" };
  }
  for (const [index, item] of items.entries()) {
    if (item.kind !== "connector") continue;
    return isNumeric(items[index - 1]) && isNumeric(items[index + 1])
      ? { kind: "range" }
      : { kind: "unreadable" };
  }
  if (items.some((item) => item.kind === "negative")) return { kind: "negative" };
  const atomsAndUnits: (NumberAtom | Extract<Item, { kind: "unit" }>)[] = [];
  for (const item of items) {
    if (item.kind === "atom" || item.kind === "unit")
      atomsAndUnits.push(item.kind === "atom" ? item.atom : item);
    else if (item.kind === "numeral") {
      const reading = item.token.reading;
      if (reading.kind === "malformed") return { kind: "unreadable" };
      if (reading.kind === "ambiguous") return { ...reading, kind: "ambiguousSeparator" };
      atomsAndUnits.push({
        kind: "numeral",
        value: reading.value,
        plainDigits: reading.plainDigits,
      });
    }
  }
  const parts = partsOf(atomsAndUnits);
  if (typeof parts === "string") return { kind: parts };
  return {
    kind: "quantity",
    parts,
    approximate: items.some((item) => item.kind === "approximate"),
  };
}

type Piece = NumberAtom | { kind: "unit"; unit: QuantityUnit; text: string };

function partsOf(pieces: Piece[]): QuantityPart[] | "unreadable" | "range" {
  const parts: QuantityPart[] = [];
  let atoms: NumberAtom[] = [];
  const close = (unit?: {
    unit: QuantityUnit;
    text: string;
  }): "unreadable" | "range" | undefined => {
    if (atoms.length === 0) return "unreadable";
    const previous = parts.at(-1);
    if (!unit && previous?.unit) {
      const tail = tailValue(previous.unit, atoms);
      if (tail === undefined) return "unreadable";
      previous.value += tail;
      return undefined;
    }
    // Only a compound like "1 km 200 m" or "1 sào 5 thước" adds up; "300 m 200 m" is a list.
    if (previous && (!unit || !previous.unit || unit.unit.factor >= previous.unit.factor)) {
      return "unreadable";
    }
    const result = evaluateNumberWords(atoms);
    if ("problem" in result) return result.problem === "ambiguous" ? "range" : "unreadable";
    const moneyScale = atoms.find((atom) => atom.kind === "scale" && atom.money);
    parts.push({
      value: result.value,
      scaled: atoms.some((atom) => atom.kind === "scale"),
      ...(unit ? { unit: unit.unit, unitText: unit.text } : {}),
      ...(moneyScale?.kind === "scale" ? { moneyScale: moneyScale.text } : {}),
    });
    return undefined;
  };
  for (const [index, piece] of pieces.entries()) {
    const before = pieces[index - 1];
    // "2 căn nhà", "30 lượt người": a classifier before the counted noun.
    if (piece.kind === "unit" && before?.kind === "unit" && piece.unit.kind === "count") {
      if (before.unit.kind === "count") continue;
    }
    if (piece.kind !== "unit") {
      atoms.push(piece);
      continue;
    }
    const problem = close(piece);
    if (problem) return problem;
    atoms = [];
  }
  if (atoms.length > 0) {
    const problem = close();
    if (problem) return problem;
  }
  return parts.length > 0 ? parts : "unreadable";
}

/** A bare number after a unit: "1 km 2" (1,2 km), "1 km 200" (1 km 200 m), "1 mét 75", "rưỡi". */
function tailValue(unit: QuantityUnit, atoms: NumberAtom[]): number | undefined {
  const [only, ...rest] = atoms;
  if (!only || rest.length > 0) return undefined;
  if (only.kind === "half") return 0.5;
  if (only.kind !== "digit" && only.kind !== "numeral") return undefined;
  const digits = only.kind === "digit" ? 1 : only.plainDigits;
  if (digits === undefined) return undefined;
  if (unit.tail === "kilometre" && (digits === 1 || digits === 3)) return only.value / 10 ** digits;
  if (unit.tail === "metre" && (digits === 1 || digits === 2)) return only.value / 10 ** digits;
  return undefined;
}
