/** A piece of a spoken-style number: "hai", "mươi", "trăm", "triệu", "rưỡi", or written digits. */
export type NumberAtom =
  /** `unitsOnly`: mốt, tư, lăm, nhăm — forms used only as the last digit ("hai mốt" = 21). */
  | { kind: "digit"; value: number; unitsOnly: boolean }
  | { kind: "numeral"; value: number; plainDigits?: number }
  /** mười / mươi: which one is read from its place ("mười lăm" = 15, "hai mươi" = 20). */
  | { kind: "ten" }
  | { kind: "hundred" }
  /** nghìn, triệu, tỷ (and k, tr, củ); `money` marks the ones that only make sense for money. */
  | { kind: "scale"; value: number; money: boolean; text: string }
  /** linh / lẻ: "một trăm linh năm" = 105. */
  | { kind: "zeroTens" }
  /** rưỡi: half of the scale before it ("ba trăm rưỡi" = 350). */
  | { kind: "half" };

/** Why a run of number atoms has no single value. */
export type NumberWordsProblem = "malformed" | "ambiguous";

/** Thrown while evaluating; caught by `evaluateNumberWords`. */
class Unreadable extends Error {
  constructor(readonly problem: NumberWordsProblem) {
    super(problem);
  }
}

/** A digit word with its value, keyed by unaccented spelling. */
export const DIGIT_WORDS: Record<string, number> = {
  khong: 0,
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
};

/** Digit words used only in the units place, after a ten or another digit. */
export const UNITS_ONLY_WORDS: Record<string, number> = { mot: 1, tu: 4, lam: 5, nham: 5 };

/** Scale words, keyed by unaccented spelling. */
export const SCALE_WORDS: Record<string, { value: number; money: boolean }> = {
  nghin: { value: 1e3, money: false },
  ngan: { value: 1e3, money: false },
  k: { value: 1e3, money: false },
  trieu: { value: 1e6, money: true },
  tr: { value: 1e6, money: true },
  cu: { value: 1e6, money: true },
  ty: { value: 1e9, money: true },
  ti: { value: 1e9, money: true },
};

function isLoneDigit(atoms: NumberAtom[]): number | undefined {
  const [only, ...rest] = atoms;
  if (!only || rest.length > 0) return undefined;
  if (only.kind === "digit") return only.value;
  if (only.kind === "numeral" && only.plainDigits === 1) return only.value;
  return undefined;
}

function startsWithZeroTens(atoms: NumberAtom[]): boolean {
  const first = atoms[0];
  return first?.kind === "zeroTens" || (first?.kind === "digit" && first.value === 0);
}

/** Below one hundred: "mười lăm", "hai mươi mốt", "ba lăm", "45", "2,5", "hai rưỡi". */
function tens(atoms: NumberAtom[]): number {
  const [a, b, c, ...rest] = atoms;
  if (!a || rest.length > 0) throw new Unreadable("malformed");
  if (a.kind === "numeral") {
    if (!b) return a.value;
    if (b.kind === "half" && !c) return a.value + 0.5;
    throw new Unreadable("malformed");
  }
  if (a.kind === "ten") {
    if (!b) return 10;
    if (b.kind === "digit" && !c) return 10 + b.value;
    if (b.kind === "half" && !c) return 10.5;
    throw new Unreadable("malformed");
  }
  if (a.kind !== "digit" || a.unitsOnly) throw new Unreadable("malformed");
  if (!b) return a.value;
  if (b.kind === "half" && !c) return a.value + 0.5;
  if (b.kind === "ten") {
    if (!c) return a.value * 10;
    if (c.kind === "digit") return a.value * 10 + c.value;
    throw new Unreadable("malformed");
  }
  if (b.kind === "digit" && !c) {
    // "hai ba", "bốn năm": two neighbouring digits mean "two or three", not 23.
    if (b.value === a.value + 1 && !b.unitsOnly) throw new Unreadable("ambiguous");
    // "hai mốt", "ba lăm", "bảy hai": the tens digit said without "mươi".
    if (a.value >= 2) return a.value * 10 + b.value;
  }
  throw new Unreadable("malformed");
}

/** Below one thousand: "ba trăm rưỡi", "ba trăm tư", "một trăm linh năm", "trăm mốt". */
function hundreds(atoms: NumberAtom[]): number {
  const at = atoms.findIndex((atom) => atom.kind === "hundred");
  if (at < 0) return tens(atoms);
  const left = atoms.slice(0, at);
  const right = atoms.slice(at + 1);
  const count = left.length === 0 ? 1 : tens(left);
  if (right.length === 0) return count * 100;
  if (right.length === 1 && right[0]?.kind === "half") return count * 100 + 50;
  const lone = isLoneDigit(right);
  if (lone !== undefined) return count * 100 + lone * 10;
  if (startsWithZeroTens(right)) {
    const units = tens(right.slice(1));
    if (units >= 10) throw new Unreadable("malformed");
    return count * 100 + units;
  }
  const rest = tens(right);
  if (rest >= 100) throw new Unreadable("malformed");
  return count * 100 + rest;
}

/**
 * A whole number phrase. After a scale, a trailing lone digit is the next digit down
 * ("hai triệu rưỡi", "2 triệu 5", "một nghìn hai"), and a bare group counts in the scale below
 * ("2 triệu 500" = 2 500 000), as people say it.
 */
function scaled(atoms: NumberAtom[]): number {
  let at = -1;
  for (const [index, atom] of atoms.entries()) {
    const best = atoms[at];
    if (atom.kind === "scale" && (best?.kind !== "scale" || atom.value > best.value)) at = index;
  }
  const scale = atoms[at];
  if (scale?.kind !== "scale") return hundreds(atoms);
  const left = atoms.slice(0, at);
  const right = atoms.slice(at + 1);
  const count = left.length === 0 ? 1 : scaled(left);
  const base = count * scale.value;
  if (right.length === 0) return base;
  if (right.length === 1 && right[0]?.kind === "half") return base + scale.value / 2;
  const lone = isLoneDigit(right);
  if (lone !== undefined) return base + (lone * scale.value) / 10;
  if (startsWithZeroTens(right) || right.some((atom) => atom.kind === "scale")) {
    const rest = scaled(
      startsWithZeroTens(right) && right[0]?.kind === "zeroTens" ? right.slice(1) : right,
    );
    if (rest >= scale.value) throw new Unreadable("malformed");
    return base + rest;
  }
  // "2 triệu 15" could be 2 015 000 or 2 150 000: only a full group ("2 triệu 150") is clear.
  const fullGroup =
    right.some((atom) => atom.kind === "hundred") ||
    (right.length === 1 && right[0]?.kind === "numeral" && right[0].plainDigits === 3);
  if (scale.value >= 1e6 && !fullGroup) throw new Unreadable("malformed");
  const group = hundreds(right);
  if (group >= 1000 || !Number.isInteger(group)) throw new Unreadable("malformed");
  return base + (group * scale.value) / 1000;
}

/** The value of a run of number atoms, or why it has none. */
export function evaluateNumberWords(
  atoms: NumberAtom[],
): { value: number } | { problem: NumberWordsProblem } {
  // "triệu" or "trăm" alone names a scale, not an amount.
  if (
    atoms.every(
      (atom) => atom.kind === "scale" || atom.kind === "hundred" || atom.kind === "zeroTens",
    )
  ) {
    return { problem: "malformed" };
  }
  try {
    return { value: scaled(atoms) };
  } catch (error) {
    if (error instanceof Unreadable) return { problem: error.problem };
    throw error;
  }
}
