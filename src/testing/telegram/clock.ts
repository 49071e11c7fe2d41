/** The emulator's sense of time, in epoch milliseconds; injectable so tests can jump ahead (e.g. past the 48-hour delete window). */
export interface EmulatorClock {
  /** The current time in epoch milliseconds. */
  now(): number;
}

/** A clock the test moves by hand. */
export interface ManualClock extends EmulatorClock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Sets the clock to an absolute epoch-millisecond time. */
  set(epochMs: number): void;
}

/** The wall clock. */
export const systemClock: EmulatorClock = { now: () => Date.now() };

/** A clock that starts at `startMs` (default: the wall clock's now) and moves only when told. */
export function createManualClock(startMs: number = Date.now()): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (epochMs) => {
      current = epochMs;
    },
  };
}
