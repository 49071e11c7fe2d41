import { createConcurrentSink, createRunner, createSource } from "@grammyjs/runner";
import { type Bot, type BotError, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { AppDeps, PhotoFetcher } from "../../features/app-deps.js";
import type { Router } from "../../features/router.js";
import { type ChannelAdapter, ChannelUnreachableError } from "../channel.js";
import type { HttpRoute } from "../http-server.js";
import { createTelegramBot, telegramLongData } from "./create-bot.js";
import { handledUpdates } from "./handled-updates.js";
import { telegramInvites } from "./invite-links.js";
import { telegramPhotoFetcher } from "./photo-fetcher.js";
import { TELEGRAM_CAPABILITIES } from "./render.js";
import { TelegramSender, telegramDeliveryChannel } from "./sender.js";
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookRoute } from "./webhook.js";

/**
 * How long stopping lets calls to Telegram run (the update being answered, the last
 * getUpdates that confirms the offset) before cutting them: an unreachable API must not hold
 * the shutdown. A reply cut short is queued through the outbox and sent after the restart.
 */
const STOP_GRACE_MS = 3000;

/**
 * Updates handled at once, across chats (one chat's in order). Most of an update's time is
 * spent waiting on the disk and on Telegram, which others can use meanwhile.
 */
const CONCURRENT_UPDATES = 100;

const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

/** Commands shown in Telegram's menu, in both languages. */
const MENU = ["start", "help", "report", "status", "lang", "cancel", "stop"] as const;

/** The Telegram channel once started: its bot, the username learned, and how to stop it. */
export interface TelegramChannel {
  bot: Bot;
  username: string;
  /** Routes to serve in webhook mode (empty when polling). */
  routes: HttpRoute[];
  /** Downloads the photos people send (getFile, then the file's path). */
  photos: PhotoFetcher;
  stop(): Promise<void>;
}

/**
 * Telegram in the registry: buttons with 64 bytes of data, edits, photos uploaded. Proactive
 * sends get a sender of their own without auto-retry: the worker sees every 429 and paces.
 */
export const telegramChannel: ChannelAdapter = {
  id: "telegram",
  nameKey: "common:channel.telegram",
  tokenHintKey: "config:telegramToken",
  invites: telegramInvites,
  configured: (config) => Boolean(config.telegram.token),
  async start({ deps, router }) {
    const started = await startTelegramChannel(deps, router);
    const { token, apiRoot, rate } = deps.config.telegram;
    const sender = new TelegramSender({ token: token ?? "", apiRoot }, telegramLongData(deps));
    return {
      id: "telegram",
      capabilities: TELEGRAM_CAPABILITIES,
      lane: telegramDeliveryChannel(sender, rate),
      photos: started.photos,
      routes: started.routes,
      username: started.username,
      account: `@${started.username}`,
      stop: started.stop,
    };
  },
};

/** A refused token at start: fatal, with a message an operator can act on. */
export class TelegramStartError extends Error {}

/**
 * Starts the Telegram channel: `getMe` (learns the username for deep links), the command menu
 * per language (cosmetic: a failure is logged, never fatal), then long polling, or webhook
 * mode when `PUBLIC_URL` is set.
 */
export async function startTelegramChannel(
  deps: AppDeps,
  router: Router,
): Promise<TelegramChannel> {
  const { token, apiRoot } = deps.config.telegram;
  if (!token) throw new TelegramStartError("TELEGRAM_BOT_TOKEN is not set");
  const shutdown = new AbortController();
  const bot = createTelegramBot(token, apiRoot, deps, router, shutdown.signal);
  try {
    await bot.init();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new TelegramStartError(
        "Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token",
      );
    }
    throw new ChannelUnreachableError(
      `cannot reach the Telegram Bot API at ${apiRoot}: ${(error as Error).message}`,
    );
  }
  const photos = telegramPhotoFetcher(bot.api, token, apiRoot);
  await registerMenu(bot, deps);

  const { publicUrl, webhookSecret } = deps.config;
  if (publicUrl && webhookSecret) {
    await bot.api.setWebhook(`${publicUrl}${TELEGRAM_WEBHOOK_PATH}`, {
      secret_token: webhookSecret,
      allowed_updates: [...ALLOWED_UPDATES],
    });
    deps.logger.info("telegram: webhook mode");
    return {
      bot,
      username: bot.botInfo.username,
      routes: [telegramWebhookRoute(bot, webhookSecret, deps.logger)],
      photos,
      stop: async () => undefined,
    };
  }

  await bot.api
    .deleteWebhook()
    .catch((error) => deps.logger.warn({ err: error }, "telegram: deleteWebhook failed"));
  const polling = startPolling(bot, deps);
  return {
    bot,
    username: bot.botInfo.username,
    routes: [],
    photos,
    stop: async () => {
      const cut = setTimeout(() => shutdown.abort(), STOP_GRACE_MS);
      try {
        await polling.stop();
      } finally {
        clearTimeout(cut);
        shutdown.abort();
      }
    },
  };
}

/**
 * Long polling through grammY's runner: updates of different chats are handled side by side
 * (the bot sequentializes each chat's), and each is confirmed to Telegram only once handled.
 */
function startPolling(bot: Bot, deps: AppDeps): { stop(): Promise<void> } {
  const updates = handledUpdates(
    (offset, limit, signal) =>
      bot.api.getUpdates(
        { offset, limit, timeout: 30, allowed_updates: [...ALLOWED_UPDATES] },
        signal,
      ),
    deps.logger,
  );
  const sink = createConcurrentSink(
    {
      consume: async (update: Update) => {
        try {
          await bot.handleUpdate(update);
        } finally {
          updates.finished(update.update_id);
        }
      },
    },
    async (error: BotError) => {
      await bot.errorHandler(error);
    },
    { concurrency: CONCURRENT_UPDATES },
  );
  const runner = createRunner(createSource(updates.supplier), sink);
  runner.start();
  deps.logger.info({ username: bot.botInfo.username }, "telegram: polling");
  runner.task()?.catch((error) => deps.logger.error({ err: error }, "telegram: polling stopped"));
  return {
    async stop() {
      await runner.stop()?.catch(() => undefined);
      await updates.drained();
      // Confirms what was handled; unconfirmed, it comes again after the restart and is
      // dropped as a duplicate.
      await bot.api
        .getUpdates({ offset: updates.offset(), limit: 1, timeout: 0 })
        .catch((error: unknown) => {
          deps.logger.warn({ err: error }, "telegram: could not confirm the last updates");
        });
    },
  };
}

async function registerMenu(bot: Bot, deps: AppDeps): Promise<void> {
  for (const locale of ["vi", "en"] as const) {
    const t = deps.i18n.getFixedT(locale);
    const commands = MENU.map((command) => ({
      command,
      description: t(`common:commands.${command}`),
    }));
    try {
      await bot.api.setMyCommands(
        commands,
        locale === deps.config.defaultLocale ? {} : { language_code: locale },
      );
      if (locale === deps.config.defaultLocale && locale !== "vi") continue;
      if (locale === "vi" && deps.config.defaultLocale !== "vi") {
        await bot.api.setMyCommands(commands, { language_code: "vi" });
      }
    } catch (error) {
      deps.logger.warn({ err: error, locale }, "telegram: setMyCommands failed (menu only)");
    }
  }
}
