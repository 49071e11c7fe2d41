import { afterEach, describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { createZaloClient } from "../../src/channels/zalo/client.js";
import { ZaloStartError } from "../../src/channels/zalo/zalo-channel.js";
import { parseConfig } from "../../src/config.js";
import { createLogger, silentLogger } from "../../src/logger.js";
import { freePort } from "../../src/testing/free-port.js";
import { startZaloEmulator, type ZaloEmulator } from "../../src/testing/zalo/index.js";
import { tempDir } from "../support/processes.js";

let emulator: ZaloEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function configFor(token: string, apiRoot: string) {
  return parseConfig({
    ZALO_BOT_TOKEN: token,
    ZALO_API_ROOT: apiRoot,
    DATA_DIR: await tempDir(),
    LOG_LEVEL: "silent",
  });
}

describe("starting the Zalo channel", () => {
  it("fails at start with a message naming ZALO_BOT_TOKEN when Zalo refuses the token", async () => {
    emulator = await startZaloEmulator();
    const config = await configFor("123456:not-the-right-token", emulator.apiRoot);
    const starting = startApp(config, { logger: silentLogger(), host: "127.0.0.1" });
    await expect(starting).rejects.toBeInstanceOf(ZaloStartError);
    await expect(starting).rejects.toThrow(/ZALO_BOT_TOKEN \(401 Unauthorized\)/);
    // Nothing was polled with the refused token.
    expect(emulator.calls({ method: "getUpdates" })).toHaveLength(0);
  });

  it("keeps trying while the Zalo API cannot be reached, saying where, then connects", async () => {
    emulator = await startZaloEmulator();
    const resets = emulator.injectFault({ kind: "connection-reset", method: "getMe", times: 2 });
    const lines: string[] = [];
    const logger = createLogger("info", {
      write: (line: string) => {
        lines.push(line);
      },
    });
    const config = parseConfig({
      ZALO_BOT_TOKEN: emulator.token,
      ZALO_API_ROOT: emulator.apiRoot,
      DATA_DIR: await tempDir(),
      RETRY_BASE_MS: "5",
    });
    const app = await startApp(config, { logger, host: "127.0.0.1" });
    try {
      expect(resets.hits).toBe(2);
      const entries = lines.map(
        (line) => JSON.parse(line) as { msg: string; reason?: string; account?: string },
      );
      const retries = entries.filter(
        (entry) => entry.msg === "cannot reach the platform; trying again",
      );
      expect(retries).toHaveLength(2);
      expect(retries[0]?.reason).toContain(`cannot reach the Zalo Bot API at ${emulator.apiRoot}`);
      expect(entries.find((entry) => entry.msg === "connected")?.account).toBe(
        emulator.bot.accountName,
      );
      const user = emulator.user({ displayName: "P" });
      await user.send("xin chào");
      expect((await user.waitForBotMessage()).text).toContain("trợ lý tự động");
    } finally {
      await app.stop();
    }
  });

  it("drops a webhook left from an earlier run before polling", async () => {
    emulator = await startZaloEmulator();
    const config = await configFor(emulator.token, emulator.apiRoot);
    await createZaloClient({ apiRoot: emulator.apiRoot, token: emulator.token }).setWebhook({
      url: "http://127.0.0.1:9/zalo/webhook",
      secretToken: "old-secret-123",
    });
    const app = await startApp(config, { logger: silentLogger(), host: "127.0.0.1" });
    try {
      expect(emulator.webhook()).toBeUndefined();
      const user = emulator.user({ displayName: "P" });
      await user.send("xin chào");
      expect((await user.waitForBotMessage()).text).toContain("trợ lý tự động");
    } finally {
      await app.stop();
    }
  });

  it("warns at start-up and in /healthz that Zalo users get text only while PUBLIC_URL is not set", async () => {
    emulator = await startZaloEmulator();
    const lines: string[] = [];
    const logger = createLogger("info", {
      write: (line: string) => {
        lines.push(line);
      },
    });
    const port = await freePort();
    const config = parseConfig({
      ZALO_BOT_TOKEN: emulator.token,
      ZALO_API_ROOT: emulator.apiRoot,
      DATA_DIR: await tempDir(),
      PORT: String(port),
    });
    const app = await startApp(config, { logger, host: "127.0.0.1" });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const readiness = await fetch(`http://127.0.0.1:${port}/readyz`);
    await app.stop();
    expect(readiness.status).toBe(200);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      ok: true,
      warnings: [expect.stringContaining("PUBLIC_URL is not set")],
    });
    const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(warnings.filter((entry) => entry.level === 40).map((entry) => entry.msg)).toContainEqual(
      expect.stringContaining("PUBLIC_URL is not set"),
    );
  });
});
