import { autoRetry } from "@grammyjs/auto-retry";
import { Api, GrammyError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { TelegramApiError } from "../../../src/testing/telegram/api-error.js";
import {
  startTelegramEmulator,
  type TelegramEmulator,
} from "../../../src/testing/telegram/index.js";
import { RateLimiter } from "../../../src/testing/telegram/rate-limits.js";

let emulator: TelegramEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

function retryAfterOf(action: () => void): number | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof TelegramApiError && error.errorCode === 429) {
      return error.parameters?.retry_after;
    }
    throw error;
  }
}

describe("Telegram-like rate limits", () => {
  it("answers the 31st message within a second with 429 and the retry_after the window needs", async () => {
    // Time stands still for the limiter, so a slow machine cannot spread the 31 sends over two windows.
    emulator = await startTelegramEmulator({ rateLimits: { perChat: false, now: () => 0 } });
    const api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
    for (let id = 1; id <= 31; id++) emulator.declareChat({ id });
    for (let id = 1; id <= 30; id++) await api.sendMessage(id, "broadcast");
    const error = await api.sendMessage(31, "broadcast").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(429);
    expect((error as GrammyError).description).toBe("Too Many Requests: retry after 1");
    expect((error as GrammyError).parameters.retry_after).toBe(1);
    const refused = emulator.calls({ outcome: "429" });
    expect(refused.map((c) => [c.chatId, c.injected, c.retryAfter])).toEqual([[31, false, 1]]);
    expect(emulator.chat(31)).toEqual([]);
  });

  it("computes retry_after from what is left of each window", () => {
    let now = 0;
    const limiter = new RateLimiter({
      bulk: { perSecond: 30 },
      perChat: false,
      perGroup: { perMinute: 20 },
      now: () => now,
    });
    for (let i = 0; i < 20; i++) limiter.admit(-100, true);
    now = 10_000;
    // 20 group messages at t=0: the group window frees up at t=60 s, 50 s from now.
    expect(retryAfterOf(() => limiter.admit(-100, true))).toBe(50);

    const bulk = new RateLimiter({ bulk: { perSecond: 30 }, perChat: false, now: () => now });
    now = 0;
    for (let i = 0; i < 30; i++) bulk.admit(i + 1, false);
    now = 400;
    expect(retryAfterOf(() => bulk.admit(99, false))).toBe(1);
    now = 1000;
    expect(retryAfterOf(() => bulk.admit(99, false))).toBeUndefined();
  });

  it("lets one chat have a burst of 3, then one message a second", () => {
    let now = 0;
    const limiter = new RateLimiter({ bulk: false, now: () => now });
    for (let i = 0; i < 3; i++) limiter.admit(7, false);
    expect(retryAfterOf(() => limiter.admit(7, false))).toBe(1);
    expect(retryAfterOf(() => limiter.admit(8, false))).toBeUndefined();
    now = 1000;
    expect(retryAfterOf(() => limiter.admit(7, false))).toBeUndefined();
    expect(retryAfterOf(() => limiter.admit(7, false))).toBe(1);
  });

  it("lets auto-retry deliver every message by honouring retry_after", async () => {
    emulator = await startTelegramEmulator({
      rateLimits: { bulk: { perSecond: 10 }, perChat: false },
    });
    const api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
    api.config.use(autoRetry());
    for (let id = 1; id <= 15; id++) emulator.declareChat({ id });
    await Promise.all(Array.from({ length: 15 }, (_, i) => api.sendMessage(i + 1, "story")));
    expect(emulator.calls({ method: "sendMessage", outcome: "ok" })).toHaveLength(15);
    expect(emulator.calls({ outcome: "429" }).length).toBeGreaterThan(0);
  });

  it("can be turned off for fast tests", async () => {
    emulator = await startTelegramEmulator({ rateLimits: false });
    const api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
    const user = emulator.user({ firstName: "Hoa" });
    for (let i = 0; i < 50; i++) await api.sendMessage(user.id, `message ${i}`);
    expect(user.chat()).toHaveLength(50);
  });
});
