import type { SeededRandom } from "./seeded-random.js";

/**
 * What can go wrong on purpose:
 * - `rate-limited`: 429; `server-error`: a 5xx (500 unless `status` says otherwise);
 * - `internal-error`: Zalo's 403 "internal server error";
 * - `timeout`: no answer at all until the client gives up (or the emulator closes);
 * - `connection-reset`: the connection is dropped without an answer.
 */
export type ZaloFaultKind =
  | "rate-limited"
  | "server-error"
  | "internal-error"
  | "timeout"
  | "connection-reset";

/** When and how often a fault strikes. Without `method` or `chatId` it strikes every call. */
export interface ZaloFaultRule {
  kind: ZaloFaultKind;
  /** Only calls of this method (or these methods). */
  method?: string | readonly string[];
  /** Only calls addressed to this chat. */
  chatId?: string;
  /** Strike at most this many times (default: no limit). */
  times?: number;
  /** Let this many matching calls through first (the first part of a reply, say); default 0. */
  after?: number;
  /** Chance of striking each matching call, drawn from the seeded PRNG (default 1). */
  probability?: number;
  /** The HTTP status of a `server-error` (default 500). */
  status?: number;
  /**
   * Carry the call out before failing it: the message is delivered but the bot hears of a
   * failure (or nothing), as when an answer is lost on the way back.
   */
  takesEffect?: boolean;
}

/** A fault in force; `remove()` lifts it. */
export interface ZaloFault {
  readonly rule: Readonly<ZaloFaultRule>;
  /** How many calls it has struck so far. */
  readonly hits: number;
  /** Lifts the fault. */
  remove(): void;
}

/** The faults in force, consulted once per call in the order they were added. */
export class FaultInjector {
  readonly #faults: { rule: ZaloFaultRule; hits: number; passed: number }[] = [];

  /** @param random decides probabilistic faults, so a seed replays the same run */
  constructor(private readonly random: SeededRandom) {}

  /** Puts a fault in force. */
  add(rule: ZaloFaultRule): ZaloFault {
    const entry = { rule: { ...rule }, hits: 0, passed: 0 };
    this.#faults.push(entry);
    const faults = this.#faults;
    return {
      rule: entry.rule,
      get hits() {
        return entry.hits;
      },
      remove() {
        const index = faults.indexOf(entry);
        if (index >= 0) faults.splice(index, 1);
      },
    };
  }

  /** Lifts every fault. */
  clear(): void {
    this.#faults.length = 0;
  }

  /** The fault that strikes this call, if any (and counts the hit). */
  strike(method: string, chatId: string | undefined): ZaloFaultRule | undefined {
    for (const entry of this.#faults) {
      const { rule } = entry;
      if (rule.times !== undefined && entry.hits >= rule.times) continue;
      if (rule.method !== undefined) {
        const methods = typeof rule.method === "string" ? [rule.method] : rule.method;
        if (!methods.includes(method)) continue;
      }
      if (rule.chatId !== undefined && rule.chatId !== chatId) continue;
      if (entry.passed < (rule.after ?? 0)) {
        entry.passed += 1;
        continue;
      }
      if (rule.probability !== undefined && this.random.next() >= rule.probability) continue;
      entry.hits += 1;
      return rule;
    }
    return undefined;
  }
}
