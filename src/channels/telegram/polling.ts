import { type Bot, BotError, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../logger.js";

/** How long one getUpdates call waits for an update, in seconds (grammY's default). */
const POLL_SECONDS = 30;
/** How long to wait after a failed getUpdates before the next, unless Telegram says. */
const RETRY_SECONDS = 3;

/** What the long-polling loop needs. */
export interface TelegramPollingOptions {
  allowedUpdates: ReadonlyArray<Exclude<keyof Update, "update_id">>;
  logger: Logger;
  pollSeconds?: number;
}

/** The running loop. */
export interface TelegramPolling {
  /** Resolves when polling ends; rejects when Telegram refuses it for good (401, 409). */
  done: Promise<void>;
  /** Ends the waiting poll, waits for the updates being handled, and confirms them. */
  stop(): Promise<void>;
}

/**
 * Long polling that handles each batch of updates side by side: grammY's own `bot.start()`
 * handles them one after another, so under load every person waited for everyone's disk
 * writes before. The bot's middleware keeps one chat's updates in order (see create-bot).
 * A batch is confirmed (the next getUpdates offset passes it) only once all of it is handled,
 * as `bot.start()` does, so updates cut short by a crash are sent again by Telegram (and
 * dropped as duplicates if they had been handled after all).
 */
export function startTelegramPolling(bot: Bot, options: TelegramPollingOptions): TelegramPolling {
  const { logger } = options;
  const timeout = options.pollSeconds ?? POLL_SECONDS;
  const stopping = new AbortController();
  let offset = 0;

  async function fetchBatch(first: boolean): Promise<Update[] | undefined> {
    while (!stopping.signal.aborted) {
      try {
        return await bot.api.getUpdates(
          {
            offset,
            timeout,
            // Telegram keeps the last setting when it is left out.
            ...(first ? { allowed_updates: options.allowedUpdates } : {}),
          },
          // grammY types its signal with a polyfill's AbortSignal; Node's is the same thing.
          stopping.signal as Parameters<Bot["api"]["getUpdates"]>[1],
        );
      } catch (error) {
        if (stopping.signal.aborted) return undefined;
        if (error instanceof GrammyError && [401, 409].includes(error.error_code)) throw error;
        const seconds =
          error instanceof GrammyError
            ? (error.parameters.retry_after ?? RETRY_SECONDS)
            : RETRY_SECONDS;
        logger.warn({ err: error, seconds }, "telegram: getUpdates failed; retrying");
        await pause(seconds * 1000, stopping.signal);
      }
    }
    return undefined;
  }

  async function handle(update: Update): Promise<void> {
    try {
      await bot.handleUpdate(update);
    } catch (error) {
      if (error instanceof BotError) await bot.errorHandler(error);
      else logger.error({ err: error, updateId: update.update_id }, "telegram: update failed");
    }
  }

  async function loop(): Promise<void> {
    for (let first = true; ; first = false) {
      const updates = await fetchBatch(first);
      if (!updates) return;
      await Promise.all(updates.map(handle));
      const last = updates[updates.length - 1];
      if (last) offset = last.update_id + 1;
    }
  }

  const done = loop();
  return {
    done,
    async stop() {
      stopping.abort();
      await done.catch(() => undefined);
      // Confirms what was handled, so a restart does not get it again.
      if (offset > 0) {
        await bot.api
          .getUpdates({ offset, limit: 1, timeout: 0 })
          .catch((error) => logger.warn({ err: error }, "telegram: confirming updates failed"));
      }
    },
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}
