import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createZaloClient, type ZaloClient } from "../../../src/channels/zalo/client.js";
import { ZaloApiError } from "../../../src/channels/zalo/errors.js";
import { startZaloEmulator, type ZaloEmulator } from "../../../src/testing/zalo/index.js";

let emulator: ZaloEmulator;
let client: ZaloClient;
let clock: Date;

beforeEach(async () => {
  clock = new Date("2026-11-23T01:00:00Z");
  emulator = await startZaloEmulator({ pollTimeoutSeconds: 0.05, now: () => clock });
  client = createZaloClient({ apiRoot: emulator.apiRoot, token: emulator.token, timeoutMs: 3000 });
});
afterEach(() => emulator.close());

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof ZaloApiError) return error.kind;
    throw error;
  }
}

describe("playing a user", () => {
  it("gives each new user a distinct 19-digit string id, and the same user for the same id", () => {
    const a = emulator.user({ displayName: "A" });
    const b = emulator.user({ displayName: "B" });
    expect(a.id).toMatch(/^[1-9]\d{18}$/);
    expect(b.id).not.toBe(a.id);
    expect(emulator.user({ id: a.id, displayName: "A" })).toBe(a);
  });

  it("shows the chat in order, as the user sees it", async () => {
    const user = emulator.user({ displayName: "Triệu Thị Nga" });
    await user.send("/report");
    await client.sendMessage({
      chatId: user.id,
      text: "Tuần này xóm mình làm được bao nhiêu mét đường?",
    });
    await user.sendImage({ caption: "Đường mới" });
    expect(user.chat()).toEqual([
      expect.objectContaining({ from: "user", kind: "text", text: "/report" }),
      expect.objectContaining({ from: "bot", kind: "text" }),
      expect.objectContaining({ from: "user", kind: "photo", caption: "Đường mới" }),
    ]);
    expect(user.chat()[0]?.at).toBe(clock.getTime());
    expect(user.lastBotMessage()?.text).toContain("mét đường");
  });

  it("waits for the bot's answer to the latest message, not an older one", async () => {
    const user = emulator.user({ displayName: "Triệu Thị Nga" });
    await user.send("1");
    await client.sendMessage({ chatId: user.id, text: "cũ" });
    await user.send("2");
    const answer = user.waitForBotMessage();
    await client.sendMessage({ chatId: user.id, text: "mới" });
    expect((await answer).text).toBe("mới");
  });

  it("hands out each bot message once, and skips those the predicate rejects", async () => {
    const user = emulator.user({ displayName: "Triệu Thị Nga" });
    await user.send("1");
    for (const text of ["một", "hai", "ba"]) await client.sendMessage({ chatId: user.id, text });
    expect((await user.waitForBotMessage((m) => m.text === "hai")).text).toBe("hai");
    expect((await user.waitForBotMessage()).text).toBe("ba");
  });

  it("says what the chat held when no answer comes", async () => {
    const user = emulator.user({ displayName: "Triệu Thị Nga" });
    await user.send("Alo?");
    await expect(user.waitForBotMessage(undefined, 50)).rejects.toThrow(/user: Alo\?/);
  });
});

describe("faults", () => {
  it("strike only the chat they target, and only as many times as asked", async () => {
    const a = emulator.user({ displayName: "A" });
    const b = emulator.user({ displayName: "B" });
    await a.send("1");
    await b.send("1");
    const fault = emulator.injectFault({ kind: "rate-limited", chatId: a.id, times: 2 });
    const results = [
      await kindOf(client.sendMessage({ chatId: a.id, text: "x" })),
      await kindOf(client.sendMessage({ chatId: b.id, text: "x" })),
      await kindOf(client.sendMessage({ chatId: a.id, text: "x" })),
      await kindOf(client.sendMessage({ chatId: a.id, text: "x" })),
    ];
    expect(results).toEqual(["rate-limited", "ok", "rate-limited", "ok"]);
    expect(fault.hits).toBe(2);
  });

  it("replay the same pattern for the same seed", async () => {
    const pattern = async (seed: number): Promise<string[]> => {
      const local = await startZaloEmulator({ seed });
      try {
        local.injectFault({ kind: "server-error", probability: 0.5 });
        const c = createZaloClient({ apiRoot: local.apiRoot, token: local.token });
        const kinds = [];
        for (let i = 0; i < 16; i += 1) kinds.push(await kindOf(c.getMe()));
        return kinds;
      } finally {
        await local.close();
      }
    };
    const first = await pattern(7);
    expect(await pattern(7)).toEqual(first);
    expect(first).toContain("ok");
    expect(first).toContain("transient");
  });

  it("can let a send through and still fail its answer, as a lost reply would", async () => {
    const user = emulator.user({ displayName: "A" });
    await user.send("1");
    emulator.injectFault({
      kind: "server-error",
      method: "sendMessage",
      takesEffect: true,
      times: 1,
    });
    expect(await kindOf(client.sendMessage({ chatId: user.id, text: "Thông báo" }))).toBe(
      "transient",
    );
    expect(user.lastBotMessage()?.text).toBe("Thông báo");
  });

  it("stop when removed or cleared", async () => {
    const fault = emulator.injectFault({ kind: "internal-error" });
    expect(await kindOf(client.getMe())).toBe("transient");
    fault.remove();
    expect(await kindOf(client.getMe())).toBe("ok");
    emulator.injectFault({ kind: "internal-error" });
    emulator.clearFaults();
    expect(await kindOf(client.getMe())).toBe("ok");
  });
});

describe("the call log", () => {
  it("records each call with its time, parameters and outcome", async () => {
    const user = emulator.user({ displayName: "A" });
    await user.send("1");
    emulator.injectFault({ kind: "rate-limited", times: 1 });
    await kindOf(client.sendMessage({ chatId: user.id, text: "lần 1" }));
    clock = new Date("2026-11-23T01:00:05Z");
    await client.sendMessage({ chatId: user.id, text: "lần 2" });
    expect(emulator.calls({ method: "sendMessage" })).toEqual([
      expect.objectContaining({
        at: Date.parse("2026-11-23T01:00:00Z"),
        chatId: user.id,
        outcome: "error",
        errorCode: 429,
        fault: "rate-limited",
      }),
      expect.objectContaining({
        at: Date.parse("2026-11-23T01:00:05Z"),
        params: { chat_id: user.id, text: "lần 2" },
        outcome: "ok",
        httpStatus: 200,
      }),
    ]);
    expect(emulator.calls({ chatId: user.id, outcome: "ok" })).toHaveLength(1);
  });

  it("shows a long poll as pending while it waits", async () => {
    const polling = client.getUpdates({ timeoutSeconds: 10 });
    await expect.poll(() => emulator.calls({ method: "getUpdates" })).toHaveLength(1);
    expect(emulator.calls({ method: "getUpdates" })[0]?.outcome).toBe("pending");
    await emulator.user({ displayName: "A" }).send("1");
    await polling;
    expect(emulator.calls({ method: "getUpdates" })[0]?.outcome).toBe("ok");
  });
});

describe("closing", () => {
  it("ends waiting long polls and hung calls instead of leaving them open", async () => {
    emulator.injectFault({ kind: "timeout", method: "getMe" });
    const hung = kindOf(client.getMe());
    const polling = kindOf(client.getUpdates({ timeoutSeconds: 30 }));
    await expect.poll(() => emulator.calls().length).toBe(2);
    await emulator.close();
    expect(await hung).toBe("transient");
    expect(await polling).toBe("transient");
  });
});
