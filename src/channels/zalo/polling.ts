import type { Sleep } from "../../delivery/timing.js";
import type { Logger } from "../../logger.js";
import type { ZaloClient } from "./client.js";
import { isZaloApiError } from "./errors.js";
import { isZaloUpdateError, type ZaloUpdate } from "./update.js";

/** How long one getUpdates call waits for an update, in seconds (Zalo's default). */
export const ZALO_POLL_SECONDS = 30;
const BACKOFF_BASE_MS = 1000;
const RATE_LIMIT_BASE_MS = 5000;
const BACKOFF_MAX_MS = 60_000;

/** What the long-polling loop needs. */
export interface PollingOptions {
  client: ZaloClient;
  /** Handles one update; must not throw. */
  handle(update: ZaloUpdate): Promise<void>;
  logger: Logger;
  random: () => number;
  sleep: Sleep;
  pollSeconds?: number;
}

/** The running loop. */
export interface Polling {
  /** Aborts the waiting poll and resolves once the update being handled, if any, is done. */
  stop(): Promise<void>;
}

/**
 * Long polling: one getUpdates at a time, each bringing at most ONE update, handled before the
 * next call (so a person's messages are taken in order). "Nothing arrived" (408) just polls
 * again; an update that cannot be read is logged by its reason and skipped; a 429 or a
 * transient fault (Zalo's 403 included) waits, growing with each failure in a row, with jitter.
 */
export function startPolling(options: PollingOptions): Polling {
  const { client, handle, logger, random, sleep } = options;
  const pollSeconds = options.pollSeconds ?? ZALO_POLL_SECONDS;
  const stopping = new AbortController();

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping.signal.aborted) {
      let result: Awaited<ReturnType<ZaloClient["getUpdates"]>>;
      try {
        result = await client.getUpdates({ timeoutSeconds: pollSeconds, signal: stopping.signal });
        failures = 0;
      } catch (error) {
        if (stopping.signal.aborted) break;
        failures += 1;
        const base = isZaloApiError(error, "rate-limited") ? RATE_LIMIT_BASE_MS : BACKOFF_BASE_MS;
        const waitMs = Math.round(
          Math.min(BACKOFF_MAX_MS, base * 2 ** (failures - 1)) * (0.5 + random()),
        );
        const kind = isZaloApiError(error) ? error.kind : "unknown";
        const log = { err: error, failures, waitMs };
        if (kind === "unauthorized" || kind === "bad-request") {
          // The token was reset, or a webhook was set elsewhere: an operator must act.
          logger.error(log, "zalo: getUpdates refused; check ZALO_BOT_TOKEN and the webhook");
        } else {
          logger.warn(log, "zalo: getUpdates failed; waiting before the next poll");
        }
        await sleep(waitMs, stopping.signal);
        continue;
      }
      if (result === undefined) continue;
      if (isZaloUpdateError(result)) {
        logger.warn({ reason: result.error }, "zalo: an update could not be read; skipped");
        continue;
      }
      await handle(result);
    }
  }

  const running = loop();
  return {
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
