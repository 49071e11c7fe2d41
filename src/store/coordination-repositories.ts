/**
 * One-time claims: the store-held memory that makes jobs and update handling idempotent
 * across restarts and instances ("reminder 2026-W48 friday has run", "update 123 handled").
 */
export interface ClaimRepository {
  /** True for the first caller of a key (until it expires); false for every later one. */
  claim(key: string, now: string, ttlMs?: number): Promise<boolean>;
  has(key: string, now: string): Promise<boolean>;
}

/** Timestamped attempts per key, for throttles (wrong invite codes from one chat). */
export interface AttemptRepository {
  record(key: string, at: string): Promise<void>;
  /** Attempts at or after `since`, oldest first. */
  since(key: string, since: string): Promise<string[]>;
  clear(key: string): Promise<void>;
}

/** Named counters, for receipt numbers and member ids. */
export interface SequenceRepository {
  /**
   * The next number of the counter; with `count`, that many consecutive numbers at once (one
   * write for a whole import), returning the first of them.
   */
  next(name: string, count?: number): Promise<number>;
}
