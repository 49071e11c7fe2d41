import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatMenus } from "../../src/channels/chat-menus.js";
import { createZaloClient } from "../../src/channels/zalo/client.js";
import { createZaloSender, zaloDeliveryChannel } from "../../src/channels/zalo/sender.js";
import type { DeliveryWorker } from "../../src/delivery/worker.js";
import { createI18n } from "../../src/i18n.js";
import type { Outbound, SentMessage } from "../../src/messaging/outbound.js";
import type { Sender } from "../../src/messaging/sender.js";
import { startZaloEmulator, type ZaloEmulator } from "../../src/testing/zalo/index.js";
import { member, setUpDelivery } from "./fixtures.js";

/**
 * A sender whose every call stays open until the test answers it, in whatever order the
 * test chooses: it shows what the worker lets onto the wire while earlier sends hang.
 */
class HeldSender implements Sender {
  readonly channel = "telegram" as const;
  readonly maxTextLength = 4096;
  /** Texts in the order the worker called the platform with them. */
  readonly called: string[] = [];
  /** Texts in the order the platform accepted them. */
  readonly accepted: string[] = [];
  private readonly held = new Map<string, () => void>();

  send(_chatId: string, message: Outbound): Promise<SentMessage> {
    const text = message.text ?? "";
    this.called.push(text);
    return new Promise((resolve) => {
      this.held.set(text, () => {
        this.accepted.push(text);
        resolve({ messageId: String(this.accepted.length) });
      });
    });
  }

  /** Answers whatever is still open (a failed test must not leave the worker hanging). */
  answerAll(): void {
    for (const text of [...this.held.keys()]) this.answer(text);
  }

  answer(text: string): void {
    const resolve = this.held.get(text);
    if (!resolve) throw new Error(`no send of "${text}" is waiting`);
    this.held.delete(text);
    resolve();
  }
}

let running: DeliveryWorker | undefined;
let sender: HeldSender | undefined;
let zalo: ZaloEmulator | undefined;
afterEach(async () => {
  await zalo?.close();
  zalo = undefined;
  const stopping = running?.stop();
  // Sends answered while the worker stops; a send started by the answer is answered too.
  while (sender && (await Promise.race([stopping, Promise.resolve("open")])) === "open") {
    sender.answerAll();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await stopping;
  running = undefined;
  sender = undefined;
});

describe("the order of one person's messages", () => {
  it("sends one member's messages one after another in the order queued, while another member's go at the same time", async () => {
    const held = new HeldSender();
    sender = held;
    const setup = await setUpDelivery({
      // Fast enough that pacing never orders anything: only the worker's chaining may.
      channels: [{ sender: held, ratePerSecond: 1000, perChatIntervalMs: 0 }],
      members: [member("lan", ["telegram", "201"]), member("minh", ["telegram", "202"])],
    });
    running = setup.worker;
    const queued = (memberId: string, text: string) => ({
      key: `summary:${text}`,
      purpose: "summary",
      memberId,
      message: { text },
    });
    await setup.outbox.enqueueMany([
      queued("lan", "lan 1: text"),
      queued("lan", "lan 2: chart"),
      queued("lan", "lan 3: spreadsheet"),
      queued("minh", "minh 1: text"),
    ]);
    await setup.worker.start();

    // Minh's message was queued after Lan's three, so once it is on the wire every one of
    // Lan's that could have started has: only the first may be under way.
    await vi.waitFor(() => expect(held.called).toContain("minh 1: text"), { timeout: 10_000 });
    expect(held.called.filter((t) => t.startsWith("lan"))).toEqual(["lan 1: text"]);

    // The platform answers out of order: Lan's first before Minh's, which stays open.
    held.answer("lan 1: text");
    await vi.waitFor(() => expect(held.called).toContain("lan 2: chart"), { timeout: 10_000 });
    expect(held.called).not.toContain("lan 3: spreadsheet");
    held.answer("lan 2: chart");
    await vi.waitFor(() => expect(held.called).toContain("lan 3: spreadsheet"), {
      timeout: 10_000,
    });
    held.answer("lan 3: spreadsheet");
    held.answer("minh 1: text");
    await setup.worker.whenIdle();

    expect(held.accepted).toEqual([
      "lan 1: text",
      "lan 2: chart",
      "lan 3: spreadsheet",
      "minh 1: text",
    ]);
    expect((await setup.outbox.progress("summary")).sent).toBe(4);
  });

  it("keeps a member's messages in order past a refused first one, without holding others back or polling meanwhile", async () => {
    const emulator = await startZaloEmulator();
    zalo = emulator;
    const lan = emulator.user({ displayName: "Lan" });
    const minh = emulator.user({ displayName: "Minh" });
    await lan.send("xin chào");
    await minh.send("xin chào");
    const client = createZaloClient({
      apiRoot: emulator.apiRoot,
      token: emulator.token,
      timeoutMs: 2000,
    });
    const setup = await setUpDelivery({
      channels: [],
      members: [member("lan", ["zalo", lan.id]), member("minh", ["zalo", minh.id])],
      // A retry a second or two away: long enough for a worker polling for Lan's held-back
      // messages to show, and the worker's own idle poll is left at its default.
      worker: { retryBaseMs: 2500, idlePollMs: 1000 },
    });
    running = setup.worker;
    const menus = new ChatMenus(setup.store.chatMenus, () => new Date(), "zalo");
    const translator = createI18n("vi").getFixedT("vi");
    const zaloSender = createZaloSender({ client, menus, translatorFor: async () => translator });
    setup.worker.register({ ...zaloDeliveryChannel(zaloSender, 100), perChatIntervalMs: 0 });
    const claims = vi.spyOn(setup.store.outbox, "claim");

    // Zalo refuses the first message to Lan once.
    emulator.injectFault({ kind: "server-error", method: "sendMessage", chatId: lan.id, times: 1 });
    // Keys sorting against the order queued: only the order queued may decide.
    const queued = (memberId: string, text: string, key: string) => ({
      key: `summary:${memberId}:${key}`,
      purpose: "summary",
      memberId,
      message: { text },
    });
    // Queued together, as a summary's parts are: the same instant for all of them.
    await setup.outbox.enqueueMany([
      queued("lan", "Lan 1", "c"),
      queued("lan", "Lan 2", "b"),
      queued("lan", "Lan 3", "a"),
      queued("minh", "Minh 1", "b"),
      queued("minh", "Minh 2", "a"),
    ]);
    await setup.worker.start();

    const texts = (user: typeof lan) =>
      user
        .chat()
        .filter((m) => m.from === "bot")
        .map((m) => m.text);
    await vi.waitFor(() => expect(texts(lan)).toHaveLength(3), { timeout: 20_000 });
    expect(texts(lan)).toEqual(["Lan 1", "Lan 2", "Lan 3"]);
    expect(texts(minh)).toEqual(["Minh 1", "Minh 2"]);
    const sends = emulator.calls({ method: "sendMessage" });
    const refused = sends.findIndex((call) => call.chatId === lan.id && call.outcome === "error");
    const lanFirst = sends.findIndex((call) => call.chatId === lan.id && call.outcome === "ok");
    const minhLast = sends.findLastIndex((call) => call.chatId === minh.id);
    // Minh's went out while Lan's first waited for its retry.
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(minhLast).toBeLessThan(lanFirst);
    // A worker that polled for Lan's held-back messages looked hundreds of times while her
    // first waited; one that sleeps until her retry looks a handful of times in all.
    expect(claims.mock.calls.length).toBeLessThan(30);
  });
});
