import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../src/testing/free-port.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

const SECRET = "webhook-secret-0123456789";
let bench: TelegramBench;
afterEach(async () => {
  await bench?.stop();
});

async function webhookBench(): Promise<{ bench: TelegramBench; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  bench = await startTelegramBench({
    env: { PUBLIC_URL: base, WEBHOOK_SECRET: SECRET, PORT: String(port) },
  });
  return { bench, base };
}

describe("Telegram in webhook mode", () => {
  it("registers its webhook with the secret and answers updates pushed to it", async () => {
    const { bench, base } = await webhookBench();
    expect(bench.emulator.webhook()).toMatchObject({
      url: `${base}/telegram/webhook`,
      secretToken: SECRET,
    });
    const user = bench.emulator.user({ firstName: "W" });
    user.send("xin chào");
    expect((await user.waitForBotMessage()).text).toContain("trợ lý tự động");
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    // Telegram with webhooks set up has nothing to warn about.
    expect(await health.json()).toEqual({ ok: true });
  });

  it("refuses a wrong or missing secret with 401 and handles nothing", async () => {
    const { bench, base } = await webhookBench();
    const user = bench.emulator.user({ firstName: "X" });
    const update = {
      update_id: 999_001,
      message: {
        message_id: 1,
        date: 1_764_400_000,
        chat: { id: user.id, type: "private", first_name: "X" },
        from: { id: user.id, is_bot: false, first_name: "X" },
        text: "xin chào",
      },
    };
    const attempts: Record<string, string>[] = [
      { "content-type": "application/json" },
      {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": "wrong-secret-000000",
      },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${base}/telegram/webhook`, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(401);
    }
    // A real update afterwards: once it is handled, a refused one would have been answered too.
    const later = user.send("xin chào");
    await user.whenHandled(later.updateId);
    expect(user.chat().filter((m) => m.from === "bot")).toHaveLength(1);
  });

  it("handles the same update only once when Telegram delivers it twice", async () => {
    const { bench } = await webhookBench();
    const user = bench.emulator.user({ firstName: "D" });
    const sent = user.send("xin chào");
    await user.waitForBotMessage();
    bench.emulator.redeliver(sent.updateId);
    // Confirmed again only once the bot has answered the second delivery.
    await user.whenHandled(sent.updateId);
    const attempts = bench.emulator.webhookAttempts().filter((a) => a.updateId === sent.updateId);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(user.chat().filter((m) => m.from === "bot")).toHaveLength(1);
  });
});
