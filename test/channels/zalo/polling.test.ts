import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createZaloClient, type ZaloClient } from "../../../src/channels/zalo/client.js";
import { type Polling, startPolling } from "../../../src/channels/zalo/polling.js";
import type { ZaloUpdate } from "../../../src/channels/zalo/update.js";
import { silentLogger } from "../../../src/logger.js";
import { startZaloEmulator, type ZaloEmulator } from "../../../src/testing/zalo/index.js";

let emulator: ZaloEmulator;
let client: ZaloClient;
let polling: Polling | undefined;
let handled: ZaloUpdate[];
let waits: number[];

beforeEach(async () => {
  emulator = await startZaloEmulator();
  client = createZaloClient({ apiRoot: emulator.apiRoot, token: emulator.token, timeoutMs: 2000 });
  handled = [];
  waits = [];
});
afterEach(async () => {
  await polling?.stop();
  polling = undefined;
  await emulator.close();
});

function poll(handle: (update: ZaloUpdate) => Promise<void> = async (u) => void handled.push(u)) {
  polling = startPolling({
    client,
    handle,
    logger: silentLogger(),
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    pollSeconds: 0.05,
  });
  return polling;
}

/** Waits until `check` holds, failing after a generous deadline. */
function until(check: () => boolean, what: string): Promise<void> {
  return vi.waitFor(
    () => {
      if (!check()) throw new Error(`still waiting for ${what}`);
    },
    { timeout: 10_000, interval: 10 },
  );
}

describe("long polling Zalo", () => {
  it("polls again when nothing arrived (408), without waiting in between", async () => {
    poll();
    await until(() => emulator.calls({ method: "getUpdates" }).length >= 4, "four polls");
    expect(waits).toEqual([]);
    const user = emulator.user({ displayName: "Hoa" });
    await user.send("xin chào");
    await until(() => handled.length === 1, "the update");
    expect(handled[0]).toMatchObject({ text: "xin chào", chat: { id: user.id } });
  });

  it("backs off after Zalo's 403 and a 429, growing with each failure in a row, then goes on", async () => {
    emulator.injectFault({ kind: "internal-error", method: "getUpdates", times: 2 });
    emulator.injectFault({ kind: "rate-limited", method: "getUpdates", times: 1 });
    const user = emulator.user({ displayName: "Hoa" });
    await user.send("xin chào");
    poll();
    await until(() => handled.length === 1, "the update after the faults");
    // 1 s, 2 s, then a 429 waits longer (5 s base, third failure in a row); jitter is 1× here.
    expect(waits).toEqual([1000, 2000, 20_000]);
  });

  it("hands updates over in the order they came, without waiting for one to finish", async () => {
    const user = emulator.user({ displayName: "Hoa" });
    for (const text of ["1", "2", "3"]) await user.send(text);
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const began: string[] = [];
    poll(async (update) => {
      began.push(update.text ?? "");
      // The first waits (on the disk, say): the others must not wait behind it here.
      if (update.text === "1") await slow;
      handled.push(update);
    });
    await until(() => handled.length === 2, "the two updates after the slow one");
    expect(began).toEqual(["1", "2", "3"]);
    release();
    await until(() => handled.length === 3, "the slow one");
  });

  it("stops taking updates while too many are being handled, and goes on as they finish", async () => {
    const user = emulator.user({ displayName: "Hoa" });
    for (const text of ["1", "2"]) await user.send(text);
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const began: string[] = [];
    polling = startPolling({
      client,
      handle: async (update) => {
        began.push(update.text ?? "");
        if (update.text === "1") await slow;
        handled.push(update);
      },
      logger: silentLogger(),
      random: () => 0.5,
      sleep: async () => undefined,
      pollSeconds: 0.05,
      maxInFlight: 1,
    });
    await until(() => began.length === 1, "the first update taken");
    expect(emulator.pendingUpdates()).toBe(1);
    release();
    await until(() => handled.length === 2, "both updates");
    expect(handled.map((u) => u.text)).toEqual(["1", "2"]);
  });

  it("stop() ends the waiting poll and waits for every update being handled", async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    let aborted = false;
    let served = false;
    const update: ZaloUpdate = {
      eventName: "message.text.received",
      messageId: "m-1",
      date: 0,
      from: { id: "1", displayName: "", isBot: false },
      chat: { id: "1", chatType: "PRIVATE" },
      text: "chậm",
    };
    client = {
      getUpdates: async ({ signal }) => {
        if (!served) {
          served = true;
          return update;
        }
        await new Promise((resolve) => signal?.addEventListener("abort", resolve));
        aborted = true;
        throw new Error("aborted");
      },
    } as Partial<ZaloClient> as ZaloClient;
    const running = poll(async (u) => {
      await slow;
      handled.push(u);
    });
    await until(() => served, "the update taken");
    let stopped = false;
    const stopping = running.stop().then(() => {
      stopped = true;
    });
    // Once the poll has ended, a stop that did not wait for the update would be done by now.
    await until(() => aborted, "the waiting poll ended");
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(handled).toEqual([update]);
    polling = undefined;
  });

  it("skips an update it cannot read and takes the next", async () => {
    const update: ZaloUpdate = {
      eventName: "message.text.received",
      messageId: "m-2",
      date: 0,
      from: { id: "1", displayName: "", isBot: false },
      chat: { id: "1", chatType: "PRIVATE" },
      text: "ok",
    };
    const answers: Awaited<ReturnType<ZaloClient["getUpdates"]>>[] = [
      { error: "malformed update: message.from: Required" },
      update,
    ];
    client = {
      getUpdates: async ({ signal }) => {
        const next = answers.shift();
        if (next) return next;
        await new Promise((resolve) => signal?.addEventListener("abort", resolve));
        throw new Error("aborted");
      },
    } as Partial<ZaloClient> as ZaloClient;
    poll();
    await until(() => handled.length === 1, "the readable update");
    expect(handled).toEqual([update]);
  });
});
