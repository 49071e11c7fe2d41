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
/** How many updates may be handled at once before polling waits for one to finish. */
export const ZALO_MAX_IN_FLIGHT = 100;

/** What the long-polling loop needs. */
export interface PollingOptions {
  client: ZaloClient;
  /**
   * Handles one update; must not throw. Called without waiting for the previous update, so it
   * keeps each chat's updates in order itself (see update-handler).
   */
  handle(update: ZaloUpdate): Promise<void>;
  logger: Logger;
  random: () => number;
  sleep: Sleep;
  pollSeconds?: number;
  /** How many updates may be handled at once (ZALO_MAX_IN_FLIGHT by default). */
  maxInFlight?: number;
}

/** The running loop. */
export interface Polling {
  /** Aborts the waiting poll and resolves once every update taken is handled. */
  stop(): Promise<void>;
}

/**
 * Long polling: one getUpdates at a time, each bringing at most ONE update, handed over in the
 * order they came and not waited for, so one person's slow update does not hold up the next
 * person's (up to ZALO_MAX_IN_FLIGHT at once). "Nothing arrived" (408) just polls
 * again; an update that cannot be read is logged by its reason and skipped; a 429 or a
 * transient fault (Zalo's 403 included) waits, growing with each failure in a row, with jitter.
 */
export function startPolling(options: PollingOptions): Polling {
  const { client, handle, logger, random, sleep } = options;
  const pollSeconds = options.pollSeconds ?? ZALO_POLL_SECONDS;
  const maxInFlight = options.maxInFlight ?? ZALO_MAX_IN_FLIGHT;
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();

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
      const handling = handle(result);
      inFlight.add(handling);
      void handling.finally(() => inFlight.delete(handling));
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    }
  }

  const running = loop();
  return {
    async stop() {
      stopping.abort();
      await running;
      await Promise.allSettled([...inFlight]);
    },
  };
}
