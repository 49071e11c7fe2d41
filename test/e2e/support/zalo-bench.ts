import { type RunningApp, startApp } from "../../../src/app.js";
import { type Config, parseConfig } from "../../../src/config.js";
import type { Invite } from "../../../src/domain/invite.js";
import { silentLogger } from "../../../src/logger.js";
import {
  startZaloEmulator,
  type ZaloEmulator,
  type ZaloEmulatorOptions,
} from "../../../src/testing/zalo/index.js";
import { tempDir } from "../../support/processes.js";

/** A running bot (its real startApp and config) against a local Zalo emulator. */
export interface ZaloBench {
  emulator: ZaloEmulator;
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

/** Starts a Zalo emulator and the real bot against it, with a clock tests can move. */
export async function startZaloBench(
  options: {
    emulator?: ZaloEmulatorOptions;
    env?: Record<string, string>;
    start?: Date;
    dataDir?: string;
  } = {},
): Promise<ZaloBench> {
  const emulator = await startZaloEmulator(options.emulator);
  const dataDir = options.dataDir ?? (await tempDir());
  const config = parseConfig({
    ZALO_BOT_TOKEN: emulator.token,
    ZALO_API_ROOT: emulator.apiRoot,
    DATA_DIR: dataDir,
    QUIET_HOURS: "off",
    RETRY_BASE_MS: "5",
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const clock = { now: options.start ?? new Date("2026-11-25T03:00:00Z") };
  const launch = () =>
    startApp(config, { logger: silentLogger(), now: () => clock.now, host: "127.0.0.1" });
  const bench: ZaloBench = {
    emulator,
    dataDir,
    config,
    clock,
    app: await launch(),
    async restart() {
      await bench.app.stop();
      bench.app = await launch();
    },
    invite: (invite) => saveInvite(bench.app, clock.now, invite),
    async stop() {
      await bench.app.stop();
      await emulator.close();
    },
  };
  return bench;
}

/** Saves an invite valid for two weeks from `now`, with the given fields over the defaults. */
export async function saveInvite(
  app: RunningApp,
  now: Date,
  invite: Partial<Invite> & Pick<Invite, "code" | "roles" | "unitId">,
): Promise<void> {
  await app.deps.store.invites.save({
    orgIds: [],
    locale: "vi",
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
    ...invite,
  });
}
