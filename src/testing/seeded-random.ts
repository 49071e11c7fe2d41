/** A deterministic source of numbers in [0, 1), so a fault scenario replays exactly from its seed. */
export type SeededRandom = () => number;

/** Mulberry32: tiny, fast and good enough to spread faults evenly; the same seed gives the same sequence. */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
