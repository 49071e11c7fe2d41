import { type RunningApp, startApp } from "../../../src/app.js";
import { type Config, parseConfig } from "../../../src/config.js";
import type { Invite } from "../../../src/domain/invite.js";
import { silentLogger } from "../../../src/logger.js";
import {
  startTelegramEmulator,
  type TelegramEmulator,
} from "../../../src/testing/telegram/index.js";
import { startZaloEmulator, type ZaloEmulator } from "../../../src/testing/zalo/index.js";
import { tempDir } from "../../support/processes.js";
import { saveInvite } from "./zalo-bench.js";

/** One running bot with both channels, each against its local emulator. */
export interface TwoChannelBench {
  telegram: TelegramEmulator;
  zalo: ZaloEmulator;
  config: Config;
  app: RunningApp;
  clock: { now: Date };
  /** Makes an invite straight in the store. */
  invite(invite: Partial<Invite> & Pick<Invite, "code" | "roles" | "unitId">): Promise<void>;
  stop(): Promise<void>;
}

/** Starts both emulators and the real bot against them. */
export async function startTwoChannelBench(
  options: { env?: Record<string, string>; start?: Date } = {},
): Promise<TwoChannelBench> {
  const telegram = await startTelegramEmulator({ rateLimits: false });
  const zalo = await startZaloEmulator();
  const config = parseConfig({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ZALO_BOT_TOKEN: zalo.token,
    ZALO_API_ROOT: zalo.apiRoot,
    DATA_DIR: await tempDir(),
    QUIET_HOURS: "off",
    RETRY_BASE_MS: "5",
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const clock = { now: options.start ?? new Date("2026-11-25T03:00:00Z") };
  const app = await startApp(config, {
    logger: silentLogger(),
    now: () => clock.now,
    host: "127.0.0.1",
  });
  return {
    telegram,
    zalo,
    config,
    app,
    clock,
    invite: (invite) => saveInvite(app, clock.now, invite),
    async stop() {
      await app.stop();
      await Promise.all([telegram.close(), zalo.close()]);
    },
  };
}
