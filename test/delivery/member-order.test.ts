import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeliveryWorker } from "../../src/delivery/worker.js";
import type { Outbound, SentMessage } from "../../src/messaging/outbound.js";
import type { Sender } from "../../src/messaging/sender.js";
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
afterEach(async () => {
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
});
