import type { UpdateSupplier } from "@grammyjs/runner";
import type { Update } from "grammy/types";
import { realSleep } from "../../delivery/timing.js";
import type { Logger } from "../../logger.js";

/** The runner's signal: grammY's shim of one, not Node's own. */
type RunnerSignal = Parameters<UpdateSupplier<Update>["supply"]>[1];

/** One getUpdates call: from `offset` (which confirms every update below it), at most `limit`. */
export type FetchUpdates = (
  offset: number,
  limit: number,
  signal: RunnerSignal,
) => Promise<Update[]>;

/** Telegram hands out at most this many updates per getUpdates call. */
const MAX_BATCH = 100;
/**
 * While updates are being handled, Telegram answers every poll at once with them (they are not
 * confirmed yet): polling waits for one to finish, or this long at most, so that a newcomer's
 * message is not kept waiting behind a slow answer.
 */
const RECHECK_MS = 100;
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 15_000;

/** Polling whose offset confirms an update only once it is handled. */
export interface HandledUpdates {
  /** The runner's source of updates: each update is handed out once. */
  supplier: UpdateSupplier<Update>;
  /** The update was handled (or failed): it may be confirmed once those before it are. */
  finished(updateId: number): void;
  /** Resolves once no update handed out is still being handled. */
  drained(): Promise<void>;
  /** The offset that confirms every update handled so far, and none still being handled. */
  offset(): number;
}

/**
 * Long polling for handling updates side by side, crash-safe: Telegram keeps an update until
 * an offset passes it, so the offset passes an update only once it and every update before it
 * are handled. After a `kill -9` Telegram hands out again what was being handled (and what
 * was handled after it, which the store's marks drop). An update handed out is not handed out
 * again by this process, though every poll brings it back until it is confirmed.
 */
export function handledUpdates(fetch: FetchUpdates, logger: Logger): HandledUpdates {
  const handling = new Set<number>();
  let newest: number | undefined;
  let wake: (() => void) | undefined;
  let idle: (() => void) | undefined;
  let failures = 0;

  const offset = () =>
    handling.size > 0 ? Math.min(...handling) : newest === undefined ? 0 : newest + 1;

  /** Until an update finishes, RECHECK_MS pass, or polling stops. */
  async function oneFinishes(signal: AbortSignal): Promise<void> {
    const done = new AbortController();
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    await Promise.race([woken, realSleep(RECHECK_MS, AbortSignal.any([signal, done.signal]))]);
    done.abort();
  }

  const supplier: UpdateSupplier<Update> = {
    async supply(_batchSize, signal) {
      const stopping = nodeSignal(signal);
      let updates: Update[];
      try {
        // Always a full batch, whatever room the runner has: the oldest unconfirmed updates
        // come first, and while some are being handled a smaller one was mostly those, and the
        // poll waited with newcomers behind them. The batch cannot hand out more than there is
        // room for: every update being handled is among the 100 from the offset.
        updates = await fetch(offset(), MAX_BATCH, signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted || isFatal(error)) throw error;
        failures += 1;
        const waitMs = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1));
        logger.warn({ err: error, failures, waitMs }, "telegram: getUpdates failed; retrying");
        await realSleep(waitMs, stopping);
        return [];
      }
      const fresh = updates.filter((u) => newest === undefined || u.update_id > newest);
      for (const update of fresh) {
        handling.add(update.update_id);
        newest = update.update_id;
      }
      if (fresh.length === 0 && updates.length > 0) await oneFinishes(stopping);
      return fresh;
    },
  };

  return {
    supplier,
    offset,
    finished(updateId) {
      handling.delete(updateId);
      const woken = wake;
      wake = undefined;
      woken?.();
      if (handling.size === 0) idle?.();
    },
    drained: () =>
      handling.size === 0
        ? Promise.resolve()
        : new Promise((resolve) => {
            idle = resolve;
          }),
  };
}

/** A refused token or a second poller: polling again cannot help, an operator must act. */
function isFatal(error: unknown): boolean {
  const code = (error as { error_code?: unknown } | null)?.error_code;
  return code === 401 || code === 409;
}

/** Node's own signal following the runner's, for Node's timers and `AbortSignal.any`. */
function nodeSignal(signal: RunnerSignal): AbortSignal {
  const follower = new AbortController();
  if (signal.aborted) follower.abort();
  else signal.addEventListener("abort", () => follower.abort(), { once: true });
  return follower.signal;
}
