import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeliveryWorker } from "../../src/delivery/worker.js";
import type { OutboxItem } from "../../src/store/outbox-repository.js";
import {
  startTelegramEmulator,
  type TelegramEmulator,
  type TelegramEmulatorOptions,
} from "../../src/testing/telegram/index.js";
import {
  member,
  NIGHT,
  receivedPerChat,
  setUpDelivery,
  TestClock,
  telegramChannel,
  telegramMembers,
  vn,
} from "./fixtures.js";

let emulator: TelegramEmulator | undefined;
let running: DeliveryWorker | undefined;
afterEach(async () => {
  await running?.stop();
  await emulator?.close();
  running = undefined;
  emulator = undefined;
});

async function start(options: TelegramEmulatorOptions = {}) {
  emulator = await startTelegramEmulator({ unknownChats: "create", ...options });
  return emulator;
}

const chatIds = (n: number) => Array.from({ length: n }, (_, i) => 100_000 + i);
const sendsTo = (e: TelegramEmulator, chatId: number) =>
  e.calls({ method: "sendMessage", chatId }).length;

describe("the delivery worker on Telegram", () => {
  it("delivers 500 messages, one to each chat, paced under the bulk limit without a 429 storm", async () => {
    const e = await start({
      rateLimits: { bulk: { perSecond: 200 }, perChat: { perSecond: 1, burst: 1 } },
    });
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e, 150)],
      members: telegramMembers(500),
      worker: { concurrency: 32 },
    });
    running = worker;
    const message = { text: "Mời anh/chị dự Ngày hội Đại đoàn kết toàn dân tộc." };
    await outbox.enqueueMany(
      Array.from({ length: 500 }, (_, i) => ({
        key: `broadcast:1:m${i}`,
        purpose: "broadcast:1",
        memberId: `m${i}`,
        message,
      })),
    );
    const done = new Promise<number>((resolve) =>
      worker.onPurposeDone((_purpose, progress) => resolve(progress.sent)),
    );
    await worker.start();
    expect(await done).toBe(500);

    const counts = receivedPerChat(e, chatIds(500));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // How many 429s depends on how busy the machine is, so it is a figure, not an assertion;
    // the pace itself is asserted on a controlled clock in pacer.test.ts.
    const tooMany = e.calls({ outcome: "429" }).length;
    console.info(`500 messages at 150/s against a 200/s limit: ${tooMany} answers 429`);
    expect(await outbox.progress("broadcast:1")).toMatchObject({ total: 500, sent: 500 });
  });

  it("sends once when the same key is enqueued twice", async () => {
    const e = await start();
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e)],
      members: telegramMembers(1),
    });
    running = worker;
    const request = {
      key: "reminder:2026-W48:fri:m0",
      purpose: "reminder:2026-W48:fri",
      memberId: "m0",
      message: { text: "Nhắc báo cáo tuần 48" },
    };
    expect((await outbox.enqueue(request)).created).toBe(true);
    await worker.start();
    await worker.whenIdle();
    expect((await outbox.enqueue(request)).created).toBe(false);
    await worker.whenIdle();
    expect(sendsTo(e, 100_000)).toBe(1);
  });

  it("waits the retry_after of a 429 before sending again, and still sends once", async () => {
    const e = await start({ faults: { tooManyRequests: 1, retryAfterSeconds: 1 } });
    // 5 a second: a send already on the wire when the 429 comes back cannot be called back, so
    // the next is spaced well after it (200 ms), and still well inside the pause it must wait.
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e, 5)],
      members: telegramMembers(3),
    });
    running = worker;
    await outbox.enqueueMany(
      [0, 1, 2].map((i) => ({
        key: `b:m${i}`,
        purpose: "b",
        memberId: `m${i}`,
        message: { text: "Tin" },
      })),
    );
    await worker.start();
    const [limited] = await e.waitForCalls({ outcome: "429" });
    e.configureFaults({ tooManyRequests: 0 });
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 3);
    await worker.whenIdle();

    const after = e.calls({ outcome: "ok" });
    // Nothing at all went out on the channel until retry_after had passed.
    expect(Math.min(...after.map((c) => c.at)) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect([...receivedPerChat(e, chatIds(3)).values()]).toEqual([1, 1, 1]);
  });

  it("keeps delivering through random 429s, one message per chat", async () => {
    const e = await start({
      rateLimits: false,
      faults: { tooManyRequests: 0.1, retryAfterSeconds: 1, seed: 5 },
    });
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e, 200)],
      members: telegramMembers(20),
    });
    running = worker;
    await outbox.enqueueMany(
      chatIds(20).map((_, i) => ({
        key: `b:m${i}`,
        purpose: "b",
        memberId: `m${i}`,
        message: { text: "Tin" },
      })),
    );
    await worker.start();
    await e.waitForCalls({ outcome: "ok" }, 20, 20_000);
    await worker.whenIdle();
    expect(e.calls({ outcome: "429" }).length).toBeGreaterThan(0);
    expect([...receivedPerChat(e, chatIds(20)).values()].every((n) => n === 1)).toBe(true);
  });

  it("marks a member who blocked the bot unreachable, and never tries that chat again", async () => {
    const e = await start();
    e.blockChat(100_001);
    const { store, outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e)],
      members: telegramMembers(3),
    });
    running = worker;
    const send = (purpose: string) =>
      outbox.enqueueMany(
        [0, 1, 2].map((i) => ({
          key: `${purpose}:m${i}`,
          purpose,
          memberId: `m${i}`,
          message: { text: purpose },
        })),
      );
    await send("broadcast:1");
    await worker.start();
    await worker.whenIdle();
    await send("broadcast:2");
    await worker.whenIdle();

    expect(e.calls({ chatId: 100_001 }).length).toBe(1);
    const blocked = await store.members.get("m1");
    expect(blocked?.identities[0]?.unreachable?.reason).toMatch(/blocked/);
    expect(await outbox.progress("broadcast:1")).toMatchObject({ sent: 2, blocked: 1 });
    expect(await outbox.progress("broadcast:2")).toMatchObject({ sent: 2, blocked: 1 });
    expect((await store.outbox.get("broadcast:2:m1"))?.reason).toBe("no-reachable-identity");
  });

  it("retries server errors with backoff until each chat has exactly one message", async () => {
    const e = await start({ rateLimits: false, faults: { serverError: 0.3, seed: 11 } });
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e, 200)],
      members: telegramMembers(50),
      worker: { maxAttempts: 10 },
    });
    running = worker;
    await outbox.enqueueMany(
      chatIds(50).map((_, i) => ({
        key: `b:m${i}`,
        purpose: "b",
        memberId: `m${i}`,
        message: { text: "Tin" },
      })),
    );
    await worker.start();
    await e.waitForCalls({ outcome: "ok" }, 50, 20_000);
    await worker.whenIdle();
    expect(e.calls({ outcome: "5xx" }).length).toBeGreaterThan(5);
    expect([...receivedPerChat(e, chatIds(50)).values()].every((n) => n === 1)).toBe(true);
    expect(await outbox.progress("b")).toMatchObject({ sent: 50, failed: 0 });
  });

  it("after connection resets, sends again: a second copy only where the reset came after Telegram accepted", async () => {
    const e = await start({
      rateLimits: false,
      faults: { resetBeforeSend: 0.05, resetAfterSend: 0.05, seed: 21 },
    });
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e, 200)],
      members: telegramMembers(60),
      worker: { maxAttempts: 10 },
    });
    running = worker;
    await outbox.enqueueMany(
      chatIds(60).map((_, i) => ({
        key: `b:m${i}`,
        purpose: "b",
        memberId: `m${i}`,
        message: { text: "Tin" },
      })),
    );
    const done = new Promise((resolve) => worker.onPurposeDone(resolve));
    await worker.start();
    await done;
    expect(e.calls({ outcome: "reset-after" }).length).toBeGreaterThan(0);
    for (const [chatId, received] of receivedPerChat(e, chatIds(60))) {
      const acceptedThenReset = e.calls({ chatId, outcome: "reset-after" }).length;
      expect(received).toBeGreaterThanOrEqual(1);
      expect(received - 1).toBeLessThanOrEqual(acceptedThenReset);
    }
  });

  it("gives up on a send after the configured attempts, marking it failed", async () => {
    const e = await start({ rateLimits: false, faults: { serverError: 1 } });
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e)],
      members: telegramMembers(1),
      worker: { maxAttempts: 3, retryForMs: 0 },
    });
    running = worker;
    await outbox.enqueue({ key: "k", purpose: "p", memberId: "m0", message: { text: "Tin" } });
    const done = new Promise((resolve) => worker.onPurposeDone(resolve));
    await worker.start();
    await done;
    expect(e.calls({ method: "sendMessage" }).length).toBe(3);
    expect((await outbox.list("p"))[0]).toMatchObject({ state: "failed", attempts: 2 });
  });

  it("keeps retrying past the configured attempts while the platform is down for less than retryForMs", async () => {
    const e = await start({ rateLimits: false, faults: { serverError: 1 } });
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e)],
      members: telegramMembers(1),
      worker: { maxAttempts: 3, retryForMs: 600_000 },
    });
    running = worker;
    await outbox.enqueue({ key: "k", purpose: "p", memberId: "m0", message: { text: "Tin" } });
    const done = new Promise((resolve) => worker.onPurposeDone(resolve));
    await worker.start();
    // Down for twice the attempts a send has, then back.
    await e.waitForCalls({ method: "sendMessage", outcome: "5xx" }, 6, 30_000);
    e.configureFaults({ serverError: 0 });
    await done;
    expect(receivedPerChat(e, chatIds(1)).get(100_000)).toBe(1);
    const [sent] = await outbox.list("p");
    expect(sent?.state).toBe("sent");
    expect(sent?.attempts).toBeGreaterThanOrEqual(6);
  });

  it("holds messages due in quiet hours until they end, then sends them all", async () => {
    const e = await start();
    const clock = new TestClock(vn("2026-11-27T22:15:00"));
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e)],
      members: telegramMembers(5),
      clock,
      quietHours: NIGHT,
    });
    running = worker;
    await worker.start();
    const results = await outbox.enqueueMany(
      chatIds(5).map((_, i) => ({
        key: `reminder:m${i}`,
        purpose: "reminder",
        memberId: `m${i}`,
        message: { text: "Nhắc báo cáo" },
      })),
    );
    expect(new Set(results.map((r) => r.notBefore))).toEqual(
      new Set([vn("2026-11-28T06:30:00").toISOString()]),
    );
    await worker.whenIdle();
    clock.set(vn("2026-11-28T05:00:00"));
    await worker.whenIdle();
    expect(e.calls({ method: "sendMessage" }).length).toBe(0);

    clock.set(vn("2026-11-28T06:30:01"));
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 5);
    await worker.whenIdle();
    expect([...receivedPerChat(e, chatIds(5)).values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it("holds a message that falls due after quiet hours began, even if queued before", async () => {
    const e = await start();
    const clock = new TestClock(vn("2026-11-27T20:59:00"));
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e)],
      members: telegramMembers(1),
      clock,
      quietHours: NIGHT,
    });
    running = worker;
    await outbox.enqueue({ key: "k", purpose: "p", memberId: "m0", message: { text: "Tin" } });
    clock.set(vn("2026-11-27T21:00:30"));
    await worker.start();
    await worker.whenIdle();
    expect(e.calls({ method: "sendMessage" }).length).toBe(0);
    expect((await outbox.list("p"))[0]).toMatchObject({
      state: "queued",
      notBefore: vn("2026-11-28T06:30:00").toISOString(),
    });
  });

  it("sends an urgent message inside quiet hours", async () => {
    const e = await start();
    const clock = new TestClock(vn("2026-11-27T23:40:00"));
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e)],
      members: telegramMembers(2),
      clock,
      quietHours: NIGHT,
    });
    running = worker;
    await worker.start();
    await outbox.enqueue({
      key: "flood:m0",
      purpose: "flood",
      memberId: "m0",
      urgent: true,
      message: { text: "Cảnh báo lũ: di dời ngay" },
    });
    await outbox.enqueue({
      key: "news:m1",
      purpose: "news",
      memberId: "m1",
      message: { text: "Tin" },
    });
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 1);
    await worker.whenIdle();
    expect(e.chat(100_000).map((m) => m.text)).toEqual(["Cảnh báo lũ: di dời ngay"]);
    expect(e.chat(100_001)).toEqual([]);
  });

  it("splits a 6,000-character message into parts under 4,096 that arrive in order", async () => {
    const e = await start();
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e)],
      members: telegramMembers(1),
    });
    running = worker;
    const paragraphs = Array.from(
      { length: 14 },
      (_, i) => `Mục ${i + 1}. ${"Xã Hưng Đạo hoàn thành tiêu chí giao thông. ".repeat(10).trim()}`,
    );
    const text = paragraphs.join("\n\n");
    expect(text.length).toBeGreaterThan(6000);
    await outbox.enqueue({
      key: "k",
      purpose: "p",
      memberId: "m0",
      message: { text, choices: [[{ data: "ok", label: "Đã đọc" }]] },
    });
    await worker.start();
    await worker.whenIdle();

    const chat = e.chat(100_000);
    expect(chat.length).toBe(2);
    for (const m of chat) expect(m.text.length).toBeLessThanOrEqual(4096);
    expect(chat.map((m) => m.text).join("\n\n")).toBe(text);
    expect(chat.map((m) => m.buttons)).toEqual([[], [["Đã đọc"]]]);
    const [item] = await outbox.list("p");
    expect(item?.messageIds).toEqual(chat.map((m) => String(m.messageId)));
  });

  it("records a send in the ledger twice: claimed, then ended with its last part's message id", async () => {
    const e = await start();
    const { outbox, worker, dataDir } = await setUpDelivery({
      channels: [telegramChannel(e)],
      members: telegramMembers(2),
    });
    running = worker;
    const long = Array.from({ length: 14 }, () => "Xã Hưng Đạo hoàn thành tiêu chí. ".repeat(14))
      .join("\n\n")
      .trim();
    await outbox.enqueueMany([
      { key: "short", purpose: "p", memberId: "m0", message: { text: "Họp xóm tối nay." } },
      { key: "long", purpose: "p", memberId: "m1", message: { text: long } },
    ]);
    await worker.start();
    await worker.whenIdle();

    // What the ledger wrote for each send, in order (the store appends every change).
    const folder = join(dataDir, "db", "outbox");
    const logged = new Map<string, string[]>();
    for (const file of (await readdir(folder)).filter((name) => name.endsWith(".jsonl")).sort()) {
      for (const line of (await readFile(join(folder, file), "utf8")).split("\n")) {
        const change = line ? (JSON.parse(line) as { put?: OutboxItem }) : {};
        if (!change.put) continue;
        const { key, state, messageIds } = change.put;
        logged.set(key, [...(logged.get(key) ?? []), `${state} ${messageIds.join(",")}`]);
      }
    }
    const [shortSent] = e.chat(100_000).map((m) => String(m.messageId));
    const longSent = e.chat(100_001).map((m) => String(m.messageId));
    expect(longSent).toHaveLength(2);
    expect(logged.get("short")).toEqual(["queued ", "sending ", `sent ${shortSent}`]);
    expect(logged.get("long")).toEqual([
      "queued ",
      "sending ",
      `sending ${longSent[0]}`,
      `sent ${longSent.join(",")}`,
    ]);
  });

  it("keeps a hundred sends waiting for their answers at once when the platform answers slowly", async () => {
    // At L = 1,000, a send waits its round trip (tens of ms on a busy machine) holding its
    // place: the rate needs that many sends on the wire together, not 16.
    const e = await start({ rateLimits: false });
    const count = 120;
    for (const id of chatIds(count)) e.holdChat(id);
    const setup = await setUpDelivery({
      channels: [telegramChannel(e, 1000)],
      members: telegramMembers(count),
    });
    running = setup.worker;
    await setup.outbox.enqueueMany(
      chatIds(count).map((_, i) => ({
        key: `b:m${i}`,
        purpose: "b",
        memberId: `m${i}`,
        message: { text: "Tin" },
      })),
    );
    await setup.worker.start();
    const unanswered = () => chatIds(count).reduce((sum, id) => sum + e.heldCalls(id), 0);
    await vi.waitFor(() => expect(unanswered()).toBe(count), { timeout: 20_000, interval: 20 });
    for (const id of chatIds(count)) e.releaseChat(id);
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, count);
    await setup.worker.whenIdle();
    expect([...receivedPerChat(e, chatIds(count)).values()].every((n) => n === 1)).toBe(true);
    expect(await setup.outbox.progress("b")).toMatchObject({ sent: count, queued: 0 });
  });

  it("on stop, finishes what is in flight and leaves the rest queued for the next start", async () => {
    const e = await start({ rateLimits: false });
    const setup = await setUpDelivery({
      channels: [telegramChannel(e, 20)],
      members: telegramMembers(60),
    });
    running = setup.worker;
    await setup.outbox.enqueueMany(
      chatIds(60).map((_, i) => ({
        key: `b:m${i}`,
        purpose: "b",
        memberId: `m${i}`,
        message: { text: "Tin" },
      })),
    );
    await setup.worker.start();
    await e.waitForCalls({ outcome: "ok" }, 10);
    await setup.worker.stop();
    const stopped = await setup.outbox.progress("b");
    expect(stopped.sending).toBe(0);
    expect(stopped.queued).toBeGreaterThan(0);
    expect(stopped.sent).toBe(e.calls({ outcome: "ok" }).length);

    const again = await setUpDelivery({
      channels: [telegramChannel(e, 200)],
      members: [],
      dataDir: setup.dataDir,
    });
    running = again.worker;
    expect((await again.worker.start()).recovered).toBe(0);
    await e.waitForCalls({ outcome: "ok" }, 60);
    await again.worker.whenIdle();
    expect([...receivedPerChat(e, chatIds(60)).values()].every((n) => n === 1)).toBe(true);
  });

  it("reports a member with no chat left as blocked, without calling Telegram", async () => {
    const e = await start();
    const gone = member("m9", ["telegram", "100009"]);
    gone.identities[0] = {
      ...gone.identities[0],
      unreachable: { since: "x", reason: "403" },
    } as never;
    const { outbox, worker } = await setUpDelivery({
      channels: [telegramChannel(e)],
      members: [gone],
    });
    running = worker;
    await outbox.enqueue({ key: "k", purpose: "p", memberId: "m9", message: { text: "Tin" } });
    await worker.start();
    await worker.whenIdle();
    expect(e.calls().length).toBe(0);
    expect(await outbox.progress("p")).toMatchObject({ blocked: 1, total: 1 });
  });
});
