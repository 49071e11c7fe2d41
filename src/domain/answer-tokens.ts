import { type NumeralReading, readNumeral } from "./number-literal.js";

/** One piece of a typed answer: a written number, a word (or known phrase), or a meaningful symbol. */
export type AnswerToken =
  | { kind: "numeral"; text: string; reading: NumeralReading }
  /** `text` keeps the diacritics (lower case, NFC); `bare` drops them, for matching unaccented typing. */
  | { kind: "word"; text: string; bare: string }
  | { kind: "symbol"; text: string };

/** Removes Vietnamese diacritics (and đ → d), so "triệu", "trieu" and "TRIỆU" all match. */
export function stripDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").normalize("NFC");
}

/**
 * Lower-cases and folds compatibility forms (full-width digits, "²", "㎡"), and unifies the
 * dashes and "≈" people paste from other apps.
 */
export function normaliseAnswer(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/≈/g, "~")
    .replace(/(\p{L})-(?=\p{L})/gu, "$1 ") // "héc-ta", "ki-lô-mét"
    .trim();
}

/** Multi-word expressions read as one word, by their unaccented spelling. */
const PHRASES = [
  "bo qua",
  "met vuong",
  "m vuong",
  "hec ta",
  "ki lo met",
  "kilo met",
  "cay so",
  "ngay cong",
  "mo hinh",
  "gia dinh",
  "luot nguoi",
  "khong co gi",
  "chua co gi",
  "khong co",
  "chua co",
  "ko co",
  "k co",
  "xap xi",
  "uoc tinh",
  "ngot nghet",
  "chua den",
  "chua toi",
  "khong den",
  "khong toi",
  "khong qua",
  "tong cong",
  "tat ca",
  "be tong",
  "mot so",
  "mot it",
  "dong gop",
  "ung ho",
  "it nhat",
  "cay xanh",
  "tien mat",
].map((phrase) => phrase.split(" "));

const SCANNER = /(\s+)|(\d+(?:[.,]\d+)*)|(\p{L}+)|([-~+<>/%=&^])|([\s\S])/uy;

/** Splits an answer into numerals, words and symbols, ignoring stray punctuation and emoji. */
export function tokenizeAnswer(text: string): AnswerToken[] {
  const source = normaliseAnswer(text);
  const tokens: AnswerToken[] = [];
  // Whether the previous token is a numeral written as space-separated thousands ("1 500").
  let groupable = false;
  let spaced = false;
  SCANNER.lastIndex = 0;
  for (let match = SCANNER.exec(source); match; match = SCANNER.exec(source)) {
    const [, space, digits, letters, symbol] = match;
    if (space !== undefined) {
      spaced = true;
      continue;
    }
    const wasSpaced = spaced;
    spaced = false;
    if (digits !== undefined) {
      const previous = tokens.at(-1);
      if (
        previous?.kind === "numeral" &&
        groupable &&
        wasSpaced &&
        /^\d{3}$/.test(digits) &&
        previous.reading.kind === "number"
      ) {
        const joined = `${previous.text}${digits}`;
        tokens[tokens.length - 1] = {
          kind: "numeral",
          text: joined,
          reading: { kind: "number", value: previous.reading.value * 1000 + Number(digits) },
        };
        continue;
      }
      if (glueSquare(tokens, digits, wasSpaced)) {
        groupable = false;
        continue;
      }
      tokens.push({ kind: "numeral", text: digits, reading: readNumeral(digits) });
      groupable = /^\d{1,3}$/.test(digits);
      continue;
    }
    groupable = false;
    if (letters !== undefined)
      tokens.push({ kind: "word", text: letters, bare: stripDiacritics(letters) });
    else if (symbol !== undefined) tokens.push({ kind: "symbol", text: symbol });
  }
  return mergePhrases(tokens);
}

/** "m2", "km2" and "m^2" typed without a space are square units, not "1 mét 2". */
function glueSquare(tokens: AnswerToken[], digits: string, spaced: boolean): boolean {
  if (digits !== "2" || spaced) return false;
  let index = tokens.length - 1;
  if (tokens[index]?.kind === "symbol" && tokens[index]?.text === "^") index -= 1;
  const unit = tokens[index];
  if (unit?.kind !== "word" || (unit.bare !== "m" && unit.bare !== "km")) return false;
  tokens.splice(index, tokens.length - index, {
    kind: "word",
    text: `${unit.text}2`,
    bare: `${unit.bare}2`,
  });
  return true;
}

function mergePhrases(tokens: AnswerToken[]): AnswerToken[] {
  const merged: AnswerToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const phrase = PHRASES.find((words) =>
      words.every((word, k) => {
        const token = tokens[i + k];
        return token?.kind === "word" && token.bare === word;
      }),
    );
    if (!phrase) {
      merged.push(tokens[i] as AnswerToken);
      continue;
    }
    const parts = tokens.slice(i, i + phrase.length) as { text: string }[];
    merged.push({
      kind: "word",
      text: parts.map((part) => part.text).join(" "),
      bare: phrase.join(" "),
    });
    i += phrase.length - 1;
  }
  return merged;
}
