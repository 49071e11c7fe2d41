import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot } from "grammy";
import type { AppDeps } from "../../features/app-deps.js";
import type { Router } from "../../features/router.js";
import { LongButtonData } from "../long-button-data.js";
import { BotApiHttp } from "./bot-api-http.js";
import { TELEGRAM_CAPABILITIES } from "./render.js";
import { telegramReply } from "./telegram-reply.js";
import { toInbound } from "./to-inbound.js";

/**
 * Builds the Telegram bot with no side effects: nothing is fetched or started here. Every
 * update waits for the chat's earlier ones, is translated into an Inbound and handed to the
 * router (which drops one handled before). Every call through `bot.api` ends when `shutdown`
 * aborts, so that stopping never waits on the network.
 */
export function createTelegramBot(
  token: string,
  apiRoot: string,
  deps: Pick<AppDeps, "store" | "logger" | "now" | "random">,
  router: Router,
  shutdown?: AbortSignal,
): Bot {
  const longData = telegramLongData(deps);
  // Polling and answers on undici rather than grammY's node-fetch: under 300 heads reporting at
  // once, node-fetch made a quarter of all the bot allocated, and the memory it held while an
  // answer was on the wire outlived young-generation collections.
  const http = new BotApiHttp({ token, apiRoot });
  const bot = new Bot(token, {
    // grammY types its option as the WHATWG fetch, of which its client uses only what
    // `BotApiHttp.fetch` does (see there).
    client: { apiRoot, fetch: http.fetch as unknown as typeof fetch },
  });
  // Interactive replies may wait out a short rate limit or a few 5xx; proactive sends never go
  // this way. A network error is not retried here (it would be, without end): the router
  // queues the reply through the outbox, and polling tries again by itself.
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }),
  );
  // Installed after auto-retry, so it wraps it: a shutdown also cuts short its waits.
  if (shutdown) {
    bot.api.config.use(async (prev, method, payload, signal) => {
      // grammY's own signals come from a shim (polling's abort), so they are linked by hand.
      const either = new AbortController();
      const abort = () => either.abort();
      if (shutdown.aborted || signal?.aborted) abort();
      shutdown.addEventListener("abort", abort);
      signal?.addEventListener("abort", abort);
      try {
        return await prev(method, payload, either.signal as unknown as typeof signal);
      } finally {
        shutdown.removeEventListener("abort", abort);
        signal?.removeEventListener("abort", abort);
      }
    });
  }

  // One chat's updates are handled in order, however many chats are handled at once: a
  // person's quick messages each see what the previous one did.
  bot.use(sequentialize((ctx) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  bot.use(async (ctx) => {
    const translated = toInbound(ctx, deps.now());
    if (!translated) return;
    // A button whose data was too long for Telegram carried a reference to it instead.
    const { choice } = translated;
    const inbound = choice
      ? {
          ...translated,
          choice: { ...choice, data: await longData.read(translated.chatId, choice.data) },
        }
      : translated;
    await router.handle(inbound, telegramReply(ctx, longData));
  });

  bot.catch((error) => {
    deps.logger.error(
      { err: error.error, updateId: error.ctx.update.update_id },
      "telegram update failed outside the router",
    );
  });
  return bot;
}

/** Telegram's keeper of button data longer than its buttons carry. */
export function telegramLongData(deps: Pick<AppDeps, "store" | "now" | "random">): LongButtonData {
  const { maxDataBytes } = TELEGRAM_CAPABILITIES.buttons;
  return new LongButtonData(deps.store.chatMenus, deps.now, deps.random, "telegram", maxDataBytes);
}
