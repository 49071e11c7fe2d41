import type {
  AttemptRepository,
  ClaimRepository,
  SequenceRepository,
} from "../coordination-repositories.js";
import { hashPartition, singlePartition } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";

interface ClaimDoc {
  key: string;
  at: string;
  expiresAt?: string;
}

/**
 * Logged claims between two rewrites of the changed partitions: every update handled is
 * claimed once, and the partitions grow with every update of the last two days, so a rewrite
 * per claim cost more with each one.
 */
const CLAIMS_CHECKPOINT_EVERY = 5_000;
/**
 * Claims made between two sweeps of those expired. An expired claim is as good as absent, but
 * without a sweep every update's mark stayed in memory and on disk for good.
 */
const SWEEP_EVERY = 1_000;

/** One-time claims on lowdb, spread over 16 files. */
export async function openClaims(open: CollectionOpener): Promise<ClaimRepository> {
  const claims = await open<ClaimDoc>("claims", {
    id: (c) => c.key,
    partition: hashPartition(16, (c) => c.key),
    changeLog: { checkpointEvery: CLAIMS_CHECKPOINT_EVERY },
  });
  const live = (key: string, now: string) => {
    const doc = claims.get(key);
    return doc !== undefined && (!doc.expiresAt || doc.expiresAt > now);
  };
  let sinceSweep = 0;
  const sweep = (now: string) => {
    const expired = claims
      .all()
      .filter((doc) => doc.expiresAt !== undefined && doc.expiresAt <= now)
      .map((doc) => doc.key);
    // Not waited for by the claim: one left behind by a failed write goes at the next sweep.
    if (expired.length > 0) claims.removeMany(expired).catch(() => undefined);
  };
  return {
    claim: async (key, now, ttlMs) => {
      if (live(key, now)) return false;
      const expiresAt =
        ttlMs === undefined ? undefined : new Date(Date.parse(now) + ttlMs).toISOString();
      await claims.put(expiresAt ? { key, at: now, expiresAt } : { key, at: now });
      sinceSweep += 1;
      if (sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        sweep(now);
      }
      return true;
    },
    has: async (key, now) => live(key, now),
  };
}

interface AttemptDoc {
  key: string;
  at: string[];
}

/** Attempts on lowdb; only the last 50 per key are kept. */
export async function openAttempts(open: CollectionOpener): Promise<AttemptRepository> {
  const attempts = await open<AttemptDoc>("attempts", {
    id: (a) => a.key,
    partition: hashPartition(16, (a) => a.key),
  });
  return {
    record: async (key, at) => {
      const previous = attempts.get(key)?.at ?? [];
      await attempts.put({ key, at: [...previous, at].slice(-50) });
    },
    since: async (key, since) => (attempts.get(key)?.at ?? []).filter((at) => at >= since),
    clear: (key) => attempts.remove(key),
  };
}

interface SequenceDoc {
  name: string;
  value: number;
}

/** Counters on lowdb; `next` hands out each number once. */
export async function openSequences(open: CollectionOpener): Promise<SequenceRepository> {
  const sequences = await open<SequenceDoc>("sequences", {
    id: (s) => s.name,
    partition: singlePartition(),
  });
  return {
    next: async (name, count = 1) => {
      const first = (sequences.get(name)?.value ?? 0) + 1;
      await sequences.put({ name, value: first + count - 1 });
      return first;
    },
  };
}
