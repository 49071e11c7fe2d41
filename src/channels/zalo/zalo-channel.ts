import type { DeliveryChannel } from "../../delivery/delivery-channel.js";
import { realSleep, type Sleep } from "../../delivery/timing.js";
import type { AppDeps, PhotoFetcher } from "../../features/app-deps.js";
import type { Router } from "../../features/router.js";
import type { Translate } from "../../i18n.js";
import { type ChannelAdapter, ChannelUnreachableError } from "../channel.js";
import { ChatMenus } from "../chat-menus.js";
import type { HttpRoute } from "../http-server.js";
import type { ServedFiles } from "../served-files.js";
import { createZaloClient, type ZaloClient } from "./client.js";
import { isZaloApiError } from "./errors.js";
import { zaloInvites } from "./invite-links.js";
import { ZALO_MAX_TEXT_LENGTH } from "./limits.js";
import { zaloPhotoFetcher } from "./photo-fetcher.js";
import { startPolling } from "./polling.js";
import type { ZaloBotInfo } from "./responses.js";
import { createZaloSender, zaloDeliveryChannel } from "./sender.js";
import type { ZaloUpdate } from "./update.js";
import { createZaloUpdateHandler } from "./update-handler.js";
import { ZALO_WEBHOOK_PATH, zaloWebhookRoute } from "./webhook.js";

/** The Zalo channel once started. */
export interface ZaloChannel {
  client: ZaloClient;
  /** The bot's own account, from getMe. */
  bot: ZaloBotInfo;
  /** Routes to serve in webhook mode (empty when polling). */
  routes: HttpRoute[];
  /** The lane the delivery engine sends proactive Zalo messages by. */
  delivery: DeliveryChannel;
  /** Downloads the photos people send (Zalo gives a URL). */
  photos: PhotoFetcher;
  /** Stops taking updates and waits for the one being handled. */
  stop(): Promise<void>;
}

/**
 * Zalo in the registry: no buttons (numbered lines), no edits, photos fetched by Zalo from a
 * URL under `PUBLIC_URL`, 2000 characters a message.
 */
export const zaloChannel: ChannelAdapter = {
  id: "zalo",
  nameKey: "common:channel.zalo",
  tokenHintKey: "config:zaloToken",
  invites: zaloInvites,
  configured: (config) => Boolean(config.zalo.token),
  async start({ deps, router, servedFiles }) {
    const started = await startZaloChannel(deps, router, servedFiles ? { files: servedFiles } : {});
    return {
      id: "zalo",
      capabilities: {
        edits: false,
        // Zalo fetches a photo from a URL: without PUBLIC_URL there is none to give it.
        photos: servedFiles ? "url" : "none",
        maxTextLength: ZALO_MAX_TEXT_LENGTH,
      },
      lane: started.delivery,
      photos: started.photos,
      routes: started.routes,
      account: started.bot.accountName,
      // Zalo fetches every photo, chart and spreadsheet from a link to this service.
      warnings: servedFiles
        ? []
        : [
            "zalo: PUBLIC_URL is not set, so Zalo users get text only: no photos, charts or spreadsheets (see README, Going live)",
          ],
      stop: started.stop,
    };
  },
};

/** What tests and the composition root may add. */
export interface ZaloChannelOptions {
  /** Served files (set when `PUBLIC_URL` is): photos and spreadsheets go by link. */
  files?: ServedFiles;
  /** How backoffs wait (tests may shorten them). */
  sleep?: Sleep;
  /** How long one long poll waits, in seconds. */
  pollSeconds?: number;
}

/** A bad token or an unreachable API at start: fatal, with a message an operator can act on. */
export class ZaloStartError extends Error {
  override readonly name = "ZaloStartError";
}

/**
 * Starts the Zalo channel: `getMe` (a refused token is fatal, naming ZALO_BOT_TOKEN), then long
 * polling, or webhook mode when `PUBLIC_URL` is set (`setWebhook` on `/zalo/webhook` with
 * `WEBHOOK_SECRET`).
 */
export async function startZaloChannel(
  deps: AppDeps,
  router: Router,
  options: ZaloChannelOptions = {},
): Promise<ZaloChannel> {
  const { token, apiRoot, rate } = deps.config.zalo;
  if (!token) throw new ZaloStartError("ZALO_BOT_TOKEN is not set");
  const client = createZaloClient({ apiRoot, token });
  let bot: ZaloBotInfo;
  try {
    bot = await client.getMe();
  } catch (error) {
    if (isZaloApiError(error, "unauthorized")) {
      throw new ZaloStartError(
        "Zalo refused ZALO_BOT_TOKEN (401 Unauthorized): check the token on the Zalo Bot Platform, or reset it there and set the new one",
      );
    }
    throw new ChannelUnreachableError(
      `cannot reach the Zalo Bot API at ${apiRoot}: ${(error as Error).message}`,
    );
  }
  const photos = zaloPhotoFetcher();

  const sleep = options.sleep ?? realSleep;
  const menus = new ChatMenus(deps.store.chatMenus, deps.now, "zalo");
  const translatorFor = async (chatId: string): Promise<Translate> => {
    // A shared phone reads menus in the language of the person who first joined on it.
    const [member] = await deps.store.members.membersOfChat("zalo", chatId);
    return deps.i18n.getFixedT(member?.locale ?? deps.config.defaultLocale);
  };
  const files = options.files ? { files: options.files } : {};
  const handle = createZaloUpdateHandler(deps, router, {
    client,
    menus,
    translatorFor,
    sleep,
    ...files,
  });
  const delivery = zaloDeliveryChannel(
    createZaloSender({ client, menus, translatorFor, ...files }),
    rate,
  );

  const { publicUrl, webhookSecret } = deps.config;
  if (publicUrl && webhookSecret) {
    const url = `${publicUrl}${ZALO_WEBHOOK_PATH}`;
    try {
      await client.setWebhook({ url, secretToken: webhookSecret });
    } catch (error) {
      throw new ZaloStartError(`Zalo refused the webhook ${url}: ${(error as Error).message}`);
    }
    deps.logger.info({ account: bot.accountName }, "zalo: webhook mode");
    const inFlight = new Set<Promise<void>>();
    let stopped = false;
    const accept = (update: ZaloUpdate): Promise<void> | undefined => {
      if (stopped) return undefined;
      const handling = handle(update);
      inFlight.add(handling);
      void handling.finally(() => inFlight.delete(handling));
      return handling;
    };
    return {
      client,
      bot,
      routes: [zaloWebhookRoute(webhookSecret, accept, deps.logger)],
      delivery,
      photos,
      async stop() {
        stopped = true;
        await Promise.allSettled([...inFlight]);
      },
    };
  }

  await client
    .deleteWebhook()
    .catch((error) => deps.logger.warn({ err: error }, "zalo: deleteWebhook failed"));
  const polling = startPolling({
    client,
    handle,
    logger: deps.logger,
    random: deps.random,
    sleep,
    ...(options.pollSeconds === undefined ? {} : { pollSeconds: options.pollSeconds }),
  });
  deps.logger.info({ account: bot.accountName }, "zalo: polling");
  return { client, bot, routes: [], delivery, photos, stop: () => polling.stop() };
}
