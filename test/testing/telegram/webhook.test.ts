import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, webhookCallback } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import {
  startTelegramEmulator,
  type TelegramEmulator,
} from "../../../src/testing/telegram/index.js";

const SECRET = "hamlet-reports_2026";

interface Receiver {
  url: string;
  /** The secret header of every request that reached the bot's endpoint. */
  secrets: Array<string | undefined>;
  server: Server;
}

let emulator: TelegramEmulator | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await emulator?.close();
  receiver?.server.closeAllConnections();
  await new Promise((resolve) => (receiver ? receiver.server.close(resolve) : resolve(undefined)));
  emulator = undefined;
  receiver = undefined;
});

/** Serves a grammY bot's webhook on loopback; `failFirst` requests get a 500 before the bot sees them. */
async function serveWebhook(bot: Bot, failFirst = 0): Promise<Receiver> {
  const handle = webhookCallback(bot, "http", { secretToken: SECRET });
  const secrets: Array<string | undefined> = [];
  let failures = failFirst;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    secrets.push(req.headers["x-telegram-bot-api-secret-token"] as string | undefined);
    if (failures > 0) {
      failures -= 1;
      req.resume();
      res.writeHead(500).end();
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/telegram`, secrets, server };
}

async function startWithBot(
  install: (bot: Bot) => void,
  failFirst = 0,
  clientOptions = {},
  timeoutMs = 2000,
) {
  emulator = await startTelegramEmulator({
    rateLimits: false,
    webhook: { retryDelayMs: 5, maxRetryDelayMs: 20, timeoutMs },
  });
  const bot = new Bot(emulator.token, { client: { apiRoot: emulator.apiRoot, ...clientOptions } });
  install(bot);
  receiver = await serveWebhook(bot, failFirst);
  await bot.api.setWebhook(receiver.url, { secret_token: SECRET });
  return { emulator, bot, receiver };
}

describe("webhook delivery", () => {
  it("posts updates with the secret header, and the bot's reply reaches the user", async () => {
    const { emulator, receiver } = await startWithBot((bot) => {
      bot.on("message:text", (ctx) => ctx.reply(`got ${ctx.message.text}`));
    });
    const user = emulator.user({ firstName: "Hoa" });
    user.send("hello");
    expect((await user.waitForBotMessage()).text).toBe("got hello");
    expect(receiver.secrets).toEqual([SECRET]);
  });

  it("retries until the endpoint answers 2xx, and reports the last error in getWebhookInfo", async () => {
    const { emulator, bot } = await startWithBot((b) => {
      b.on("message:text", (ctx) => ctx.reply("finally"));
    }, 2);
    const user = emulator.user({ firstName: "Nam" });
    const sent = user.send("hello");
    await user.waitForBotMessage();
    await emulator.waitForWebhookAttempts(3);
    expect(emulator.webhookAttempts().map((a) => [a.updateId, a.status])).toEqual([
      [sent.updateId, 500],
      [sent.updateId, 500],
      [sent.updateId, 200],
    ]);
    const info = await bot.api.getWebhookInfo();
    expect(info.last_error_message).toBe(
      "Wrong response from the webhook: 500 Internal Server Error",
    );
    expect(info.pending_update_count).toBe(0);
  });

  it("redelivers an update with the same update_id on request, for de-duplication tests", async () => {
    const seen: number[] = [];
    const { emulator } = await startWithBot((bot) => {
      bot.on("message:text", async (ctx) => {
        seen.push(ctx.update.update_id);
        await ctx.reply(`seen ${seen.length}`);
      });
    });
    const user = emulator.user({ firstName: "Lan" });
    const sent = user.send("report");
    await user.waitForBotMessage();
    emulator.redeliver(sent.updateId);
    await user.waitForBotMessage();
    expect(seen).toEqual([sent.updateId, sent.updateId]);
  });

  it("redelivers an update the bot took too long to acknowledge", async () => {
    const seen: number[] = [];
    const { emulator } = await startWithBot(
      (bot) => {
        bot.on("message:text", async (ctx) => {
          seen.push(ctx.update.update_id);
          // The first time, answer only after the emulator has given up waiting (100 ms).
          if (seen.length === 1) await emulator?.waitForWebhookAttempts(1);
          await ctx.reply(`handled ${seen.length}`);
        });
      },
      0,
      {},
      100,
    );
    const user = emulator.user({ firstName: "Hoa" });
    const sent = user.send("slow");
    await user.waitForBotMessage((m) => m.text === "handled 2");
    const attempts = await emulator.waitForWebhookAttempts(2);
    expect(attempts.map((a) => [a.updateId, a.error ?? a.status])).toEqual([
      [sent.updateId, "Read timeout expired"],
      [sent.updateId, 200],
    ]);
    expect(seen).toEqual([sent.updateId, sent.updateId]);
  });

  it("executes a method the bot returns in its webhook answer", async () => {
    const { emulator } = await startWithBot(
      (bot) => {
        bot.on("message:text", (ctx) => ctx.reply("via webhook reply"));
      },
      0,
      { canUseWebhookReply: (method: string) => method === "sendMessage" },
    );
    const user = emulator.user({ firstName: "Hoa" });
    user.send("hi");
    expect((await user.waitForBotMessage()).text).toBe("via webhook reply");
    expect(emulator.calls({ method: "sendMessage" }).map((c) => c.via)).toEqual(["webhook-reply"]);
  });

  it("refuses a secret token with characters Telegram does not allow", async () => {
    emulator = await startTelegramEmulator();
    const bot = new Bot(emulator.token, { client: { apiRoot: emulator.apiRoot } });
    await expect(
      bot.api.setWebhook("http://127.0.0.1:9/hook", { secret_token: "has:colon" }),
    ).rejects.toThrow("secret token contains unallowed characters");
  });
});
