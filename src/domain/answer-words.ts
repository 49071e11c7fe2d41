import type { AnswerToken } from "./answer-tokens.js";
import { DIGIT_WORDS, type NumberAtom, SCALE_WORDS, UNITS_ONLY_WORDS } from "./number-words.js";
import { ACCENTED_UNIT_WORDS, type QuantityUnit, UNIT_WORDS } from "./quantity-units.js";

/** What one word or symbol of an answer contributes to its reading. */
export type AnswerWord =
  | { kind: "atom"; atom: NumberAtom }
  | { kind: "unit"; unit: QuantityUnit; text: string }
  /** khoảng, tầm, hơn, gần, ~ … : the number is an estimate. */
  | { kind: "approximate" }
  /** đến, hoặc, "-" between two numbers: a range, which the bot asks to narrow. */
  | { kind: "connector" }
  | { kind: "negative" }
  /** Words that carry no quantity: "được", "ạ", "đường". */
  | { kind: "filler" }
  /** không, ko, chưa có, none: nothing this week. */
  | { kind: "zero" }
  | { kind: "skip" }
  | { kind: "unknown" };

/** Where a word stands, for the words whose meaning depends on it. */
export interface WordContext {
  /** The word follows part of a number ("hai mươi _"). */
  afterNumber: boolean;
  /** The next token is a digit or digit word ("_ 300", "_ ba trăm"). */
  beforeNumber: boolean;
  /** The next token is a scale or a unit ("_ triệu", "_ km"). */
  beforeQuantity: boolean;
}

const APPROXIMATE = new Set([
  "khoang",
  "gan",
  "hon",
  "chung",
  "do",
  "uoc",
  "uoc tinh",
  "xap xi",
  "tren",
  "duoi",
  "ngot",
  "ngot nghet",
  "ngoai",
  "chua den",
  "chua toi",
  "khong den",
  "khong toi",
  "khong qua",
  "it nhat",
  "about",
  "around",
  "approx",
  "approximately",
  "nearly",
  "almost",
  "over",
  "under",
]);
const CONNECTORS = new Set(["den", "toi", "hoac", "hay", "or", "to"]);
const NEGATIVE = new Set(["am", "tru"]);
const ZERO = new Set([
  "khong",
  "ko",
  "kh",
  "khg",
  "hong",
  "chua",
  "khong co",
  "chua co",
  "ko co",
  "k co",
  "khong co gi",
  "chua co gi",
  "none",
  "no",
  "nothing",
  "zero",
  "nil",
]);
const SKIP = new Set(["bo qua", "skip", "pass", "bo"]);
const FILLERS = new Set([
  "duoc",
  "la",
  "co",
  "da",
  "tong",
  "tong cong",
  "tat ca",
  "ca",
  "roi",
  "a",
  "nhe",
  "nha",
  "ah",
  "thoi",
  "vay",
  "ok",
  "oke",
  "anh",
  "chi",
  "em",
  "bao",
  "duong",
  "be tong",
  "kenh",
  "muong",
  "dat",
  "tien",
  "tien mat",
  "xom",
  "tuan",
  "nay",
  "trong",
  "moi",
  "dong gop",
  "ung ho",
  "gi",
]);

/** Accented spellings that settle what the bare spelling leaves open (tám 8, tầm "about"). */
const ACCENTED: Record<string, AnswerWord> = {
  tám: digit(8),
  tầm: { kind: "approximate" },
  từ: { kind: "approximate" },
  tư: digit(4, true),
  làm: { kind: "filler" },
  lăm: digit(5, true),
  nhăm: digit(5, true),
  mốt: digit(1, true),
  một: digit(1),
  cỡ: { kind: "approximate" },
  có: { kind: "filler" },
  nửa: { kind: "atom", atom: { kind: "numeral", value: 0.5 } },
  nữa: { kind: "filler" },
};

function digit(value: number, unitsOnly = false): AnswerWord {
  return { kind: "atom", atom: { kind: "digit", value, unitsOnly } };
}

function contextual(bare: string, at: WordContext): AnswerWord | undefined {
  switch (bare) {
    case "tam": // tám (8) or tầm (about): "tam 300" is "about 300", "tam tram" is 800.
      return at.beforeNumber ? { kind: "approximate" } : digit(8);
    case "tu": // tư (4) after a number, từ (from) before one.
      return at.afterNumber ? digit(4, true) : { kind: "approximate" };
    case "lam": // lăm (5) after a number, làm (did) elsewhere.
      return at.afterNumber ? digit(5, true) : { kind: "filler" };
    case "nham":
      return at.afterNumber ? digit(5, true) : { kind: "unknown" };
    case "linh":
    case "le": // "trăm linh năm" is 105; "300 lẻ" is "300-odd".
      if (at.beforeNumber) return { kind: "atom", atom: { kind: "zeroTens" } };
      return at.afterNumber ? { kind: "approximate" } : { kind: "unknown" };
    case "k": // "500k" is 500 000; a lone "k" is "không".
      return at.afterNumber ? scale("k", "k") : { kind: "zero" };
    case "nua": // nửa (half) before a quantity, nữa (more) elsewhere.
      return at.beforeQuantity
        ? { kind: "atom", atom: { kind: "numeral", value: 0.5 } }
        : { kind: "filler" };
    default:
      return undefined;
  }
}

function scale(bare: string, text: string): AnswerWord {
  const known = SCALE_WORDS[bare];
  if (!known) return { kind: "unknown" };
  return { kind: "atom", atom: { kind: "scale", value: known.value, money: known.money, text } };
}

/** True for a word that starts or continues a number: a digit word, "mười", "trăm", a scale. */
export function isNumberWord(bare: string): boolean {
  return (
    bare in DIGIT_WORDS ||
    bare in UNITS_ONLY_WORDS ||
    bare in SCALE_WORDS ||
    bare === "muoi" ||
    bare === "chuc" ||
    bare === "tram" ||
    bare === "ruoi"
  );
}

/** True for a word naming a unit or a scale ("km", "triệu"): what "nửa" may come before. */
export function isQuantityWord(token: AnswerToken | undefined): boolean {
  if (token?.kind !== "word") return false;
  return token.bare in UNIT_WORDS || token.bare in SCALE_WORDS || token.text in ACCENTED_UNIT_WORDS;
}

/** What a word means in its place in the answer. */
export function classifyWord(token: { text: string; bare: string }, at: WordContext): AnswerWord {
  const { text, bare } = token;
  const accented = ACCENTED[text];
  if (accented) return accented;
  const byPlace = contextual(bare, at);
  if (byPlace) return byPlace;
  const value = DIGIT_WORDS[bare];
  if (value !== undefined) return digit(value);
  if (bare in SCALE_WORDS) return scale(bare, text);
  if (bare === "muoi" || bare === "chuc") return { kind: "atom", atom: { kind: "ten" } };
  if (bare === "tram") return { kind: "atom", atom: { kind: "hundred" } };
  if (bare === "ruoi") return { kind: "atom", atom: { kind: "half" } };
  const unit = ACCENTED_UNIT_WORDS[text] ?? UNIT_WORDS[bare];
  if (unit) return { kind: "unit", unit, text };
  if (APPROXIMATE.has(bare)) return { kind: "approximate" };
  if (CONNECTORS.has(bare)) return { kind: "connector" };
  if (NEGATIVE.has(bare)) return { kind: "negative" };
  if (ZERO.has(bare)) return { kind: "zero" };
  if (SKIP.has(bare)) return { kind: "skip" };
  if (FILLERS.has(bare)) return { kind: "filler" };
  return { kind: "unknown" };
}
