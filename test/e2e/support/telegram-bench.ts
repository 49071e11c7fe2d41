import {
  startTelegramEmulator,
  type TelegramEmulator,
  type TelegramEmulatorOptions,
} from "../../../src/testing/telegram/index.js";
import { type AppBench, type AppBenchOptions, startAppBench } from "./app-bench.js";

/** A running bot against a local Telegram emulator. */
export interface TelegramBench extends AppBench {
  emulator: TelegramEmulator;
}

/** Starts a Telegram emulator (limits off unless given) and the real bot against it. */
export async function startTelegramBench(
  options: AppBenchOptions & { emulator?: TelegramEmulatorOptions } = {},
): Promise<TelegramBench> {
  const emulator = await startTelegramEmulator({ rateLimits: false, ...options.emulator });
  const bench = await startAppBench(
    { TELEGRAM_BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot },
    options,
    () => emulator.close(),
  );
  return Object.assign(bench, { emulator });
}
