import {
  startTelegramEmulator,
  type TelegramEmulator,
} from "../../../src/testing/telegram/index.js";
import { startZaloEmulator, type ZaloEmulator } from "../../../src/testing/zalo/index.js";
import { type AppBench, type AppBenchOptions, startAppBench } from "./app-bench.js";

/** One running bot with both channels, each against its local emulator. */
export interface TwoChannelBench extends AppBench {
  telegram: TelegramEmulator;
  zalo: ZaloEmulator;
}

/** Starts both emulators and the real bot against them. */
export async function startTwoChannelBench(
  options: AppBenchOptions = {},
): Promise<TwoChannelBench> {
  const telegram = await startTelegramEmulator({ rateLimits: false });
  const zalo = await startZaloEmulator();
  const bench = await startAppBench(
    {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.apiRoot,
    },
    options,
    async () => {
      await Promise.all([telegram.close(), zalo.close()]);
    },
  );
  return Object.assign(bench, { telegram, zalo });
}
