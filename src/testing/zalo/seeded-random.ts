import { createSeededRandom } from "../seeded-random.js";

/** Deterministic randomness for the emulator: the same seed gives the same ids and faults. */
export interface SeededRandom {
  /** A number in [0, 1). */
  next(): number;
  /** `length` decimal digits, the first never 0. */
  digits(length: number): string;
  /** `length` lowercase hexadecimal characters. */
  hex(length: number): string;
  /** `length` letters and digits. */
  alphanumeric(length: number): string;
}

/** The emulator's ids and faults, drawn from one seeded sequence. */
export function seededRandom(seed: number): SeededRandom {
  const next = createSeededRandom(seed);
  const pick = (alphabet: string, length: number): string => {
    let out = "";
    for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return {
    next,
    digits: (length) => pick("123456789", 1) + pick("0123456789", length - 1),
    hex: (length) => pick("0123456789abcdef", length),
    alphanumeric: (length) =>
      pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length),
  };
}
