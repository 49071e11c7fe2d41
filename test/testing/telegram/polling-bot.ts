import { Bot } from "grammy";
import {
  startTelegramEmulator,
  type TelegramEmulator,
  type TelegramEmulatorOptions,
} from "../../../src/testing/telegram/index.js";

/** A real grammY bot long-polling an emulator, and how to tear both down. */
export interface PollingSetup {
  emulator: TelegramEmulator;
  bot: Bot;
  /** Errors the bot's middleware threw. */
  errors: unknown[];
  stop(): Promise<void>;
}

/** Starts an emulator and a grammY bot polling it; `install` adds the bot's handlers first. */
export async function startPollingBot(
  install: (bot: Bot) => void,
  options: TelegramEmulatorOptions = {},
): Promise<PollingSetup> {
  const emulator = await startTelegramEmulator(options);
  const bot = new Bot(emulator.token, { client: { apiRoot: emulator.apiRoot } });
  const errors: unknown[] = [];
  bot.catch((error) => {
    errors.push(error.error);
  });
  install(bot);
  let running: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    running = bot.start({ onStart: () => resolve(), timeout: 10 });
    running.catch(reject);
  });
  return {
    emulator,
    bot,
    errors,
    async stop() {
      if (bot.isRunning()) await bot.stop();
      await running.catch(() => undefined);
      await emulator.close();
    },
  };
}
