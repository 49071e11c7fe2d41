import { type RunningApp, startApp } from "../../../src/app.js";
import { type Config, parseConfig } from "../../../src/config.js";
import type { Invite } from "../../../src/domain/invite.js";
import { silentLogger } from "../../../src/logger.js";
import {
  startTelegramEmulator,
  type TelegramEmulator,
  type TelegramEmulatorOptions,
} from "../../../src/testing/telegram/index.js";
import { tempDir } from "../../support/processes.js";

/** A running bot (its real startApp and config) against a local Telegram emulator. */
export interface TelegramBench {
  emulator: TelegramEmulator;
  dataDir: string;
  config: Config;
  app: RunningApp;
  /** The injected clock, moved by tests. */
  clock: { now: Date };
  /** Stops the bot and starts it again on the same data folder. */
  restart(): Promise<void>;
  /** Makes an invite straight in the store (for tests where the CLI is not the point). */
  invite(invite: Partial<Invite> & Pick<Invite, "code" | "roles" | "unitId">): Promise<void>;
  stop(): Promise<void>;
}

/** Starts an emulator and the real bot against it, with a clock tests can move. */
export async function startTelegramBench(
  options: {
    emulator?: TelegramEmulatorOptions;
    env?: Record<string, string>;
    start?: Date;
    dataDir?: string;
  } = {},
): Promise<TelegramBench> {
  const emulator = await startTelegramEmulator({ rateLimits: false, ...options.emulator });
  const dataDir = options.dataDir ?? (await tempDir());
  const config = parseConfig({
    TELEGRAM_BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATA_DIR: dataDir,
    QUIET_HOURS: "off",
    RETRY_BASE_MS: "5",
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const clock = { now: options.start ?? new Date("2026-11-25T03:00:00Z") };
  const launch = () =>
    startApp(config, { logger: silentLogger(), now: () => clock.now, host: "127.0.0.1" });
  const bench: TelegramBench = {
    emulator,
    dataDir,
    config,
    clock,
    app: await launch(),
    async restart() {
      await bench.app.stop();
      bench.app = await launch();
    },
    async invite(invite) {
      await bench.app.deps.store.invites.save({
        orgIds: [],
        locale: "vi",
        createdAt: clock.now.toISOString(),
        expiresAt: new Date(clock.now.getTime() + 14 * 86_400_000).toISOString(),
        ...invite,
      });
    },
    async stop() {
      await bench.app.stop();
      await emulator.close();
    },
  };
  return bench;
}
