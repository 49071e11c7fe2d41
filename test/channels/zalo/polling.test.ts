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

  it("takes updates one at a time, in order", async () => {
    const user = emulator.user({ displayName: "Hoa" });
    for (const text of ["1", "2", "3"]) await user.send(text);
    let running = 0;
    let overlapped = false;
    poll(async (update) => {
      running += 1;
      if (running > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 5));
      handled.push(update);
      running -= 1;
    });
    await until(() => handled.length === 3, "three updates");
    expect(handled.map((u) => u.text)).toEqual(["1", "2", "3"]);
    expect(overlapped).toBe(false);
  });

  it("stop() ends the waiting poll and waits for the update being handled", async () => {
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const order: string[] = [];
    let started = false;
    const running = poll(async () => {
      started = true;
      await gate;
      order.push("handled");
    });
    await emulator.user({ displayName: "Hoa" }).send("xin chào");
    // Being handled, not only taken from the API: stopping while the answer to getUpdates is
    // still on its way cuts that call, as it must to stop at once.
    await until(() => started, "the update being handled");
    const stopping = running.stop().then(() => order.push("stopped"));
    // Released only after stop() was called: a stop that did not wait would come first.
    finish();
    await stopping;
    expect(order).toEqual(["handled", "stopped"]);
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
