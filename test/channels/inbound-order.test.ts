import { afterEach, describe, expect, it, vi } from "vitest";
import { CHANNEL_ADAPTERS } from "../../src/channels/registry.js";
import { startTelegramChannel } from "../../src/channels/telegram/telegram-channel.js";
import { startZaloChannel } from "../../src/channels/zalo/zalo-channel.js";
import { parseConfig } from "../../src/config.js";
import type { AppDeps } from "../../src/features/app-deps.js";
import type { Router } from "../../src/features/router.js";
import { createI18n } from "../../src/i18n.js";
import { silentLogger } from "../../src/logger.js";
import type { Inbound } from "../../src/messaging/inbound.js";
import { type OpenedStore, openStoreAsOwner } from "../../src/store/open-store.js";
import { startTelegramEmulator } from "../../src/testing/telegram/index.js";
import { startZaloEmulator } from "../../src/testing/zalo/index.js";
import { tempDir } from "../support/processes.js";

/**
 * A router that notes each message as it starts and ends, and holds a message "chậm" (slow)
 * until released: it stands for an update waiting on the disk or on another service.
 */
function recordingRouter() {
  const started: string[] = [];
  const finished: string[] = [];
  let release: () => void = () => undefined;
  const slow = new Promise<void>((resolve) => {
    release = resolve;
  });
  const router: Router = {
    async handle(inbound: Inbound) {
      const label = `${inbound.chatId}:${inbound.text ?? inbound.command}`;
      started.push(label);
      if (inbound.text === "chậm") await slow;
      finished.push(label);
    },
  };
  return { router, started, finished, release };
}

function until(check: () => boolean, what: string): Promise<void> {
  return vi.waitFor(
    () => {
      if (!check()) throw new Error(`still waiting for ${what}`);
    },
    { timeout: 15_000, interval: 10 },
  );
}

async function depsFor(
  env: Record<string, string>,
): Promise<{ deps: AppDeps; opened: OpenedStore }> {
  const config = parseConfig({ ...env, DATA_DIR: await tempDir(), LOG_LEVEL: "silent" });
  const opened = await openStoreAsOwner(config.dataDir);
  const deps: AppDeps = {
    config,
    store: opened.store,
    i18n: createI18n("vi"),
    logger: silentLogger(),
    now: () => new Date(),
    random: () => 0.42,
    photos: {},
    filesShown: {},
    channels: CHANNEL_ADAPTERS,
  };
  return { deps, opened };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("updates of different people are handled side by side, one person's in order", () => {
  it("on Telegram: a slow message holds up only its own sender's next one", async () => {
    const emulator = await startTelegramEmulator({ rateLimits: false });
    cleanups.push(() => emulator.close());
    const { deps, opened } = await depsFor({
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
    });
    cleanups.push(() => opened.close());
    const hoa = emulator.user({ id: 501, firstName: "Hoa" });
    const nam = emulator.user({ id: 502, firstName: "Nam" });
    // Written while the bot was away: they come as one batch when it starts.
    hoa.send("chậm");
    hoa.send("sau");
    nam.send("khác");
    const { router, started, finished, release } = recordingRouter();
    const channel = await startTelegramChannel(deps, router);
    cleanups.push(() => channel.stop());

    await until(() => finished.includes("502:khác"), "Nam answered while Hoa's waits");
    expect(started).not.toContain("501:sau");
    release();
    await until(() => finished.includes("501:sau"), "Hoa's second message");
    expect(finished.filter((label) => label.startsWith("501:"))).toEqual(["501:chậm", "501:sau"]);
  });

  it("on Zalo: a slow message holds up only its own sender's next one", async () => {
    const emulator = await startZaloEmulator();
    cleanups.push(() => emulator.close());
    const { deps, opened } = await depsFor({
      ZALO_BOT_TOKEN: emulator.token,
      ZALO_API_ROOT: emulator.apiRoot,
    });
    cleanups.push(() => opened.close());
    const { router, started, finished, release } = recordingRouter();
    const channel = await startZaloChannel(deps, router, { pollSeconds: 0.05 });
    cleanups.push(() => channel.stop());
    const hoa = emulator.user({ displayName: "Hoa" });
    const nam = emulator.user({ displayName: "Nam" });

    await hoa.send("chậm");
    await until(() => started.includes(`${hoa.id}:chậm`), "Hoa's first message taken");
    await hoa.send("sau");
    await nam.send("khác");

    await until(() => finished.includes(`${nam.id}:khác`), "Nam answered while Hoa's waits");
    expect(started).not.toContain(`${hoa.id}:sau`);
    release();
    await until(() => finished.includes(`${hoa.id}:sau`), "Hoa's second message");
    expect(finished.filter((label) => label.startsWith(`${hoa.id}:`))).toEqual([
      `${hoa.id}:chậm`,
      `${hoa.id}:sau`,
    ]);
  });
});
