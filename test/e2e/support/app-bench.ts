import { type RunningApp, startApp } from "../../../src/app.js";
import type { ChannelAdapter } from "../../../src/channels/channel.js";
import { type Config, parseConfig } from "../../../src/config.js";
import type { Invite } from "../../../src/domain/invite.js";
import { type Logger, silentLogger } from "../../../src/logger.js";
import { tempDir } from "../../support/processes.js";

/** An invite with the fields a test cares about; the rest take sensible defaults. */
export type InviteFields = Partial<Invite> & Pick<Invite, "code" | "roles" | "unitId">;

/** The real bot (its real startApp and config) on a temporary data folder, with a movable clock. */
export interface AppBench {
  dataDir: string;
  config: Config;
  app: RunningApp;
  /** The injected clock, moved by tests. */
  clock: { now: Date };
  /** Stops the bot and starts it again on the same data folder. */
  restart(): Promise<void>;
  /** Makes an invite straight in the store (for tests where the CLI is not the point). */
  invite(invite: InviteFields): Promise<void>;
  /** Stops the bot, then whatever the bench started beside it. */
  stop(): Promise<void>;
}

/** What a bench starts the bot with. */
export interface AppBenchOptions {
  env?: Record<string, string>;
  /** The clock's first reading (default Wednesday 25/11/2026, 10:00 in Hanoi). */
  start?: Date;
  dataDir?: string;
  /** Where the bot logs (default: nowhere). */
  logger?: Logger;
  /** The channels to start instead of the registry's (a test's own console channel). */
  channels?: readonly ChannelAdapter[];
}

/**
 * Starts the bot with the channel settings given (pointing at local emulators), fast retries
 * and no quiet hours unless the test says otherwise; `closeAlso` runs after the bot stops.
 */
export async function startAppBench(
  channelEnv: Record<string, string>,
  options: AppBenchOptions,
  closeAlso: () => Promise<void>,
): Promise<AppBench> {
  const dataDir = options.dataDir ?? (await tempDir());
  const config = parseConfig({
    ...channelEnv,
    DATA_DIR: dataDir,
    QUIET_HOURS: "off",
    RETRY_BASE_MS: "5",
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const clock = { now: options.start ?? new Date("2026-11-25T03:00:00Z") };
  const launch = () =>
    startApp(config, {
      logger: options.logger ?? silentLogger(),
      now: () => clock.now,
      host: "127.0.0.1",
      ...(options.channels ? { channels: options.channels } : {}),
    });
  const bench: AppBench = {
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
      await closeAlso();
    },
  };
  return bench;
}

/** Saves an invite valid for two weeks from `now`, with the given fields over the defaults. */
export async function saveInvite(app: RunningApp, now: Date, invite: InviteFields): Promise<void> {
  await app.deps.store.invites.save({
    orgIds: [],
    locale: "vi",
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
    ...invite,
  });
}
