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

/** A small, fast PRNG (mulberry32) seeded with `seed`. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
