import { Api, GrammyError, HttpError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import {
  type FaultOptions,
  startTelegramEmulator,
  type TelegramEmulator,
} from "../../../src/testing/telegram/index.js";
import { type PollingSetup, startPollingBot } from "./polling-bot.js";

const emulators: TelegramEmulator[] = [];
let setup: PollingSetup | undefined;
afterEach(async () => {
  for (const emulator of emulators.splice(0)) await emulator.close();
  await setup?.stop();
  setup = undefined;
});

async function start(faults: FaultOptions) {
  const emulator = await startTelegramEmulator({ rateLimits: false, faults });
  emulators.push(emulator);
  const user = emulator.user({ id: 800, firstName: "Hoa" });
  return { emulator, user, api: new Api(emulator.token, { apiRoot: emulator.apiRoot }) };
}

/** Sends `count` messages one after another and reports how each call ended, as the emulator saw it. */
async function outcomesOf(faults: FaultOptions, count: number): Promise<string[]> {
  const { emulator, api } = await start(faults);
  for (let i = 0; i < count; i++) await api.sendMessage(800, `m${i}`).catch(() => undefined);
  return emulator.calls({ method: "sendMessage" }).map((c) => c.outcome);
}

const MIXED: FaultOptions = {
  tooManyRequests: 0.15,
  serverError: 0.15,
  resetBeforeSend: 0.1,
  resetAfterSend: 0.1,
};

describe("seeded fault injection", () => {
  it("repeats exactly the same faults for the same seed, and different ones for another seed", async () => {
    const first = await outcomesOf({ ...MIXED, seed: 42 }, 40);
    const again = await outcomesOf({ ...MIXED, seed: 42 }, 40);
    const other = await outcomesOf({ ...MIXED, seed: 7 }, 40);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(["ok", "429", "5xx", "reset-before", "reset-after"]));
  });

  it("records a message reset after sending, although the client only sees a broken connection", async () => {
    const { emulator, user, api } = await start({ resetAfterSend: 1 });
    const error = await api.sendMessage(800, "delivered anyway").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(user.chat().map((m) => m.text)).toEqual(["delivered anyway"]);
    const [call] = emulator.calls({ method: "sendMessage" });
    expect([call?.outcome, call?.injected, call?.messageId]).toEqual(["reset-after", true, 1]);
  });

  it("sends nothing when the connection resets before the send", async () => {
    const { emulator, user, api } = await start({ resetBeforeSend: 1 });
    const error = await api.sendMessage(800, "lost").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(user.chat()).toEqual([]);
    expect(emulator.calls({ outcome: "reset-before" })).toHaveLength(1);
  });

  it("never delivers a held send whose client gave up waiting, and delivers the next one", async () => {
    const { emulator, user, api } = await start({});
    emulator.holdChat(800);
    const givingUp = new AbortController();
    const abandoned = fetch(`${emulator.apiRoot}/bot${emulator.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: 800, text: "given up" }),
      signal: givingUp.signal,
    });
    await emulator.waitForHeldCalls(800, 1);
    givingUp.abort();
    await expect(abandoned).rejects.toThrow();
    // Asked on a new connection once the first one is closed, and held behind the same chat.
    const next = api.sendMessage(800, "sent again");
    await emulator.waitForHeldCalls(800, 2);
    emulator.releaseChat(800);
    await next;
    expect(user.chat().map((m) => m.text)).toEqual(["sent again"]);
    expect(emulator.calls({ method: "sendMessage" }).map((c) => c.outcome)).toEqual(["ok"]);
  });

  it("answers injected 429 and 500 with Telegram's envelopes and 502 with a gateway page", async () => {
    const limited = await start({ tooManyRequests: 1, retryAfterSeconds: 3 });
    const tooMany = (await limited.api
      .sendMessage(800, "x")
      .catch((e: unknown) => e)) as GrammyError;
    expect([tooMany.error_code, tooMany.parameters.retry_after]).toEqual([429, 3]);

    const broken = await start({ serverError: 1, seed: 3 });
    const errors = [];
    for (let i = 0; i < 12; i++)
      errors.push(await broken.api.sendMessage(800, "x").catch((e: unknown) => e));
    const codes = new Set(errors.map((e) => (e instanceof GrammyError ? e.error_code : "html")));
    // 500 carries Telegram's JSON; 502 is an HTML page that grammY cannot parse.
    expect(codes).toEqual(new Set([500, "html"]));
    expect(broken.user.chat()).toEqual([]);
  });

  it("answers 403 for a user who blocked the bot and tells the bot through my_chat_member", async () => {
    let seen: (statuses: string[]) => void = () => undefined;
    const statuses = new Promise<string[]>((resolve) => {
      seen = resolve;
    });
    setup = await startPollingBot(
      (bot) => {
        bot.on("my_chat_member", async (ctx) => {
          const failure = await ctx.api
            .sendMessage(ctx.chat.id, "still there?")
            .catch((e: unknown) => e);
          seen([ctx.myChatMember.new_chat_member.status, (failure as GrammyError).description]);
        });
      },
      { rateLimits: false },
    );
    const user = setup.emulator.user({ firstName: "Nam" });
    user.blockBot();
    expect(await statuses).toEqual(["kicked", "Forbidden: bot was blocked by the user"]);
  });

  it("spares getUpdates by default, so a bot keeps hearing users while its sends fail", async () => {
    setup = await startPollingBot(
      (bot) => {
        bot.on("message", (ctx) => ctx.reply("pong"));
      },
      { rateLimits: false, faults: { serverError: 1 } },
    );
    const user = setup.emulator.user({ firstName: "Nam" });
    user.send("ping");
    const [failed] = await setup.emulator.waitForCalls({ method: "sendMessage" });
    expect(failed?.outcome).toBe("5xx");
    expect(setup.emulator.calls({ method: "getUpdates", outcome: "5xx" })).toEqual([]);
  });
});
