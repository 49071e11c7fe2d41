import { describe, expect, it } from "vitest";
import type { OutboxProgress } from "../../src/store/outbox-repository.js";
import { FakeSender, member, NIGHT, setUpDelivery, TestClock, vn } from "./fixtures.js";

const channelFor = (sender: FakeSender) => ({ sender, ratePerSecond: 200, perChatIntervalMs: 0 });
const members = (n: number) =>
  Array.from({ length: n }, (_, i) => member(`m${i}`, ["telegram", String(500 + i)]));

describe("enqueueing proactive messages", () => {
  it("keeps the first request for a key and ignores repeats", async () => {
    const { outbox } = await setUpDelivery({ channels: [], members: members(1) });
    const request = { key: "k", purpose: "p", memberId: "m0", message: { text: "Một" } };
    expect(await outbox.enqueue(request)).toMatchObject({ created: true, state: "queued" });
    const repeat = await outbox.enqueue({ ...request, message: { text: "Hai" } });
    expect(repeat).toMatchObject({ created: false, state: "queued" });
    expect((await outbox.list("p")).length).toBe(1);
  });

  it("moves a message due in quiet hours to their end, but not an urgent one", async () => {
    const clock = new TestClock(vn("2026-11-27T14:00:00"));
    const { outbox } = await setUpDelivery({
      channels: [],
      members: members(1),
      clock,
      quietHours: NIGHT,
    });
    const base = { purpose: "p", memberId: "m0", message: { text: "Tin" } };
    const scheduled = await outbox.enqueue({
      ...base,
      key: "a",
      notBefore: vn("2026-11-27T17:00:00"),
    });
    const late = await outbox.enqueue({ ...base, key: "b", notBefore: vn("2026-11-27T22:00:00") });
    const urgent = await outbox.enqueue({
      ...base,
      key: "c",
      urgent: true,
      notBefore: vn("2026-11-27T22:00:00"),
    });
    expect(scheduled.notBefore).toBe(vn("2026-11-27T17:00:00").toISOString());
    expect(late.notBefore).toBe(vn("2026-11-28T06:30:00").toISOString());
    expect(urgent.notBefore).toBe(vn("2026-11-27T22:00:00").toISOString());
  });

  it("stores a broadcast's message once for all its recipients", async () => {
    const { outbox } = await setUpDelivery({ channels: [], members: members(3) });
    const message = { text: "Chung tay xây dựng nông thôn mới" };
    await outbox.enqueueMany(
      [0, 1, 2].map((i) => ({ key: `b:m${i}`, purpose: "b", memberId: `m${i}`, message })),
    );
    expect(new Set((await outbox.list("b")).map((i) => i.payloadId)).size).toBe(1);
  });

  it("sends nothing more of a cancelled batch", async () => {
    const sender = new FakeSender("telegram");
    const { outbox, worker } = await setUpDelivery({
      channels: [channelFor(sender)],
      members: members(5),
    });
    await outbox.enqueueMany(
      [0, 1, 2, 3, 4].map((i) => ({
        key: `b:m${i}`,
        purpose: "b",
        memberId: `m${i}`,
        message: { text: "Tin" },
      })),
    );
    expect(await outbox.cancel("b")).toBe(5);
    await worker.start();
    await worker.whenIdle();
    await worker.stop();
    expect(sender.sent.length).toBe(0);
    expect(await outbox.progress("b")).toMatchObject({ failed: 5, queued: 0 });
  });
});

describe("deleting sent messages", () => {
  it("deletes where the platform can, and ends as not possible where it cannot", async () => {
    const deleted: string[] = [];
    const telegram = Object.assign(new FakeSender("telegram"), {
      delete: async (chatId: string, messageId: string) => {
        deleted.push(`${chatId}/${messageId}`);
        return true;
      },
    });
    const zalo = new FakeSender("zalo");
    const { outbox, worker } = await setUpDelivery({
      channels: [channelFor(telegram), channelFor(zalo)],
      members: [member("m0", ["telegram", "500"]), member("m1", ["zalo", "z1"])],
      // Deleting notifies nobody: quiet hours do not hold it back.
      quietHours: { start: 0, end: 24 * 60 - 1 },
    });
    await outbox.enqueueDeletions([
      {
        key: "recall:b:m0",
        purpose: "recall:b",
        memberId: "m0",
        deletion: { channel: "telegram", chatId: "500", messageIds: ["7", "8"] },
      },
      {
        key: "recall:b:m1",
        purpose: "recall:b",
        memberId: "m1",
        deletion: { channel: "zalo", chatId: "z1", messageIds: ["9"] },
      },
    ]);
    await worker.start();
    await worker.whenIdle();
    await worker.stop();
    expect(deleted).toEqual(["500/7", "500/8"]);
    expect(telegram.sent).toEqual([]);
    expect(zalo.sent).toEqual([]);
    expect(await outbox.progress("recall:b")).toMatchObject({ sent: 1, failed: 1, queued: 0 });
    expect((await outbox.list("recall:b")).map((item) => item.reason)).toContain(
      "not-possible-on-platform",
    );
  });
});

describe("progress of a batch", () => {
  it("reports progress and, once, the end of each batch with its counts", async () => {
    const sender = new FakeSender("telegram");
    sender.failWith = (chatId) =>
      chatId === "503" ? { kind: "unreachable", reason: "403: blocked" } : undefined;
    const { outbox, worker } = await setUpDelivery({
      channels: [channelFor(sender)],
      members: [...members(5), member("m9")],
    });
    const seen: OutboxProgress[] = [];
    const done: { purpose: string; progress: OutboxProgress; durationMs: number }[] = [];
    worker.onProgress((_purpose, progress) => seen.push(progress));
    worker.onPurposeDone((purpose, progress, durationMs) =>
      done.push({ purpose, progress, durationMs }),
    );
    await outbox.enqueueMany(
      [0, 1, 2, 3, 4, 9].map((i) => ({
        key: `broadcast:3:m${i}`,
        purpose: "broadcast:3",
        memberId: `m${i}`,
        message: { text: "Tin" },
      })),
    );
    await outbox.enqueue({
      key: "r:m0",
      purpose: "reminder",
      memberId: "m0",
      message: { text: "Nhắc" },
    });
    await worker.start();
    await worker.whenIdle();
    await worker.stop();

    expect(done.map((d) => d.purpose).sort()).toEqual(["broadcast:3", "reminder"]);
    const broadcast = done.find((d) => d.purpose === "broadcast:3");
    expect(broadcast?.progress).toMatchObject({
      total: 6,
      sent: 4,
      blocked: 2,
      queued: 0,
      sending: 0,
    });
    expect(broadcast?.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen.at(-1)?.queued).toBe(0);
  });
});

describe("how much is claimed at once", () => {
  it("keeps at least half of what is in flight for sends on the wire, however high the rate", async () => {
    const paid = { sender: new FakeSender("telegram"), ratePerSecond: 1000, perChatIntervalMs: 0 };
    const { worker } = await setUpDelivery({ channels: [paid], members: [] });
    // 250 ms of sends at 1,000/s would all wait for their turn, leaving none for the wire.
    expect(worker.inFlightBound()).toEqual({ inFlight: 256, waiting: 128 });
    const free = { sender: new FakeSender("telegram"), ratePerSecond: 30, perChatIntervalMs: 0 };
    const { worker: slow } = await setUpDelivery({ channels: [free], members: [] });
    // A second of sends in flight, a quarter of a second of them claimed ahead.
    expect(slow.inFlightBound()).toEqual({ inFlight: 30, waiting: 8 });
  });
});
