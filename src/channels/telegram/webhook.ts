import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../logger.js";
import { type HttpRoute, secretMatches } from "../http-server.js";

/** The path Telegram posts updates to in webhook mode. */
export const TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";

/**
 * `POST /telegram/webhook`: checks `X-Telegram-Bot-Api-Secret-Token` in constant time (401
 * otherwise, nothing handled), then hands the update to the bot, which drops duplicates.
 */
export function telegramWebhookRoute(bot: Bot, secret: string, logger: Logger): HttpRoute {
  return {
    method: "POST",
    path: TELEGRAM_WEBHOOK_PATH,
    admits: (req) => secretMatches(req.headers["x-telegram-bot-api-secret-token"], secret),
    async handle(req, body, res) {
      if (!secretMatches(req.headers["x-telegram-bot-api-secret-token"], secret)) {
        logger.warn("telegram webhook call with a wrong or missing secret");
        res.writeHead(401).end();
        return;
      }
      let update: Update;
      try {
        update = JSON.parse(body.toString("utf8")) as Update;
        if (typeof update?.update_id !== "number") throw new Error("no update_id");
      } catch {
        logger.warn("telegram webhook body is not an update");
        res.writeHead(400).end();
        return;
      }
      await bot.handleUpdate(update);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    },
  };
}
