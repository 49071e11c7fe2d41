import { tooManyRequests } from "./api-error.js";

/** How hard the emulator throttles sends; each limit may be turned off with `false`. */
export interface RateLimitOptions {
  /** Messages per second across all chats, over a sliding one-second window (Telegram: about 30). */
  bulk?: { perSecond: number } | false;
  /**
   * Messages per second into one chat (Telegram: about 1), as a token bucket holding `burst`
   * messages: a bot may answer with up to `burst` messages at once, then one a second.
   * Default burst 3: one reply plus the next question plus a keyboard fits, a flood does not.
   */
  perChat?: { perSecond: number; burst: number } | false;
  /** Messages per minute into one group chat, over a sliding one-minute window (Telegram: 20). */
  perGroup?: { perMinute: number } | false;
  /**
   * Real (monotonic) time in ms. Separate from the emulator's clock on purpose: retry_after is
   * waited out in real time by the client, so a frozen test clock must not freeze the window.
   */
  now?: () => number;
}

/** Telegram's documented defaults. */
export const TELEGRAM_RATE_LIMITS: Required<Omit<RateLimitOptions, "now">> = {
  bulk: { perSecond: 30 },
  perChat: { perSecond: 1, burst: 3 },
  perGroup: { perMinute: 20 },
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Admits or refuses sends with Telegram's 429 and a retry_after computed from the windows. */
export class RateLimiter {
  private readonly bulk: { perSecond: number } | false;
  private readonly perChat: { perSecond: number; burst: number } | false;
  private readonly perGroup: { perMinute: number } | false;
  private readonly now: () => number;
  private readonly bulkLog: number[] = [];
  private readonly groupLogs = new Map<number, number[]>();
  private readonly buckets = new Map<number, Bucket>();

  constructor(options: RateLimitOptions | false = {}) {
    const settings: RateLimitOptions =
      options === false ? { bulk: false, perChat: false, perGroup: false } : options;
    this.bulk = settings.bulk ?? TELEGRAM_RATE_LIMITS.bulk;
    this.perChat = settings.perChat ?? TELEGRAM_RATE_LIMITS.perChat;
    this.perGroup = settings.perGroup ?? TELEGRAM_RATE_LIMITS.perGroup;
    this.now = (options !== false && options.now) || (() => performance.now());
  }

  /** Counts `count` messages into `chatId`, or throws 429 without counting anything. */
  admit(chatId: number, isGroup: boolean, count = 1): void {
    const now = this.now();
    const waits: number[] = [];
    if (this.bulk) {
      waits.push(slidingWindowWait(this.bulkLog, now, 1000, this.bulk.perSecond, count));
    }
    if (isGroup && this.perGroup) {
      const log = this.groupLog(chatId);
      waits.push(slidingWindowWait(log, now, 60_000, this.perGroup.perMinute, count));
    }
    const bucket = this.perChat ? this.refill(chatId, now, this.perChat) : undefined;
    // A batch larger than the burst (an album) needs a full bucket, not an impossible one.
    const needed = this.perChat ? Math.min(count, this.perChat.burst) : 0;
    if (bucket && this.perChat && bucket.tokens < needed) {
      waits.push(((needed - bucket.tokens) / this.perChat.perSecond) * 1000);
    }
    const wait = Math.max(0, ...waits);
    if (wait > 0) throw tooManyRequests(Math.max(1, Math.ceil(wait / 1000)));
    for (let i = 0; i < count; i++) {
      this.bulkLog.push(now);
      if (isGroup) this.groupLog(chatId).push(now);
    }
    if (bucket) bucket.tokens = Math.max(0, bucket.tokens - count);
  }

  private groupLog(chatId: number): number[] {
    let log = this.groupLogs.get(chatId);
    if (!log) {
      log = [];
      this.groupLogs.set(chatId, log);
    }
    return log;
  }

  private refill(chatId: number, now: number, limit: { perSecond: number; burst: number }): Bucket {
    let bucket = this.buckets.get(chatId);
    if (!bucket) {
      bucket = { tokens: limit.burst, updatedAt: now };
      this.buckets.set(chatId, bucket);
    }
    const earned = ((now - bucket.updatedAt) / 1000) * limit.perSecond;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + earned);
    bucket.updatedAt = now;
    return bucket;
  }
}

/**
 * How long until `count` more events fit in a window of `windowMs` holding at most `limit`;
 * 0 if they fit now. Also forgets events that have left the window.
 */
function slidingWindowWait(
  log: number[],
  now: number,
  windowMs: number,
  limit: number,
  count: number,
): number {
  while (log.length > 0 && (log[0] as number) <= now - windowMs) log.shift();
  const excess = log.length + count - limit;
  // A batch larger than the whole window is let through once the window is empty.
  if (excess <= 0 || log.length === 0) return 0;
  // The window frees up when the `excess`-th oldest event leaves it.
  const freeing = log[Math.min(excess, log.length) - 1] ?? now;
  return Math.max(1, freeing + windowMs - now);
}
