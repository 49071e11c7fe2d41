/**
 * The baseline of the inbound benchmark: a bare grammY bot that answers every message with a
 * fixed text, started like the product (`TELEGRAM_BOT_TOKEN`, `TELEGRAM_API_ROOT`, plain
 * long polling), printing `ready` once it polls.
 */
import { Bot } from "grammy";

const token = process.env.TELEGRAM_BOT_TOKEN ?? "";
const apiRoot = process.env.TELEGRAM_API_ROOT ?? "";
const bot = new Bot(token, { client: { apiRoot } });
bot.on("message", (ctx) => ctx.reply("Đã nhận."));
process.on("SIGTERM", () => {
  void bot.stop().then(() => process.exit(0));
});
await bot.init();
void bot.start({
  onStart: () => {
    process.stdout.write("ready\n");
  },
});
