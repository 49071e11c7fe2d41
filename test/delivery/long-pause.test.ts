import { describe, expect, it } from "vitest";
import { FakeSender, member, setUpDelivery, TestClock, vn } from "./fixtures.js";

describe("a long flood wait", () => {
  it("puts waiting sends back in the queue until retry_after has passed, then sends each once", async () => {
    const clock = new TestClock(vn("2026-11-27T10:00:00"));
    const sender = new FakeSender("telegram");
    sender.failWith = (_chatId, attempt) =>
      attempt === 1 ? { kind: "rate-limited", retryAfterMs: 120_000 } : undefined;
    const { outbox, worker } = await setUpDelivery({
      channels: [{ sender, ratePerSecond: 100, perChatIntervalMs: 0 }],
      members: [member("m0", ["telegram", "1"]), member("m1", ["telegram", "2"])],
      clock,
      worker: { maxHoldMs: 60_000 },
    });
    await outbox.enqueueMany(
      [0, 1].map((i) => ({
        key: `b:m${i}`,
        purpose: "b",
        memberId: `m${i}`,
        message: { text: "Tin" },
      })),
    );
    await worker.start();
    await worker.whenIdle();
    expect(sender.sent.length).toBe(0);
    const waiting = await outbox.list("b");
    expect(waiting.map((i) => i.state)).toEqual(["queued", "queued"]);
    // Deferred by the platform, not failed: no attempt is counted against them.
    expect(waiting.map((i) => i.attempts)).toEqual([0, 0]);

    clock.set(vn("2026-11-27T10:02:01"));
    worker.wake();
    await worker.whenIdle();
    await worker.stop();
    expect(sender.sent.map((s) => s.chatId).sort()).toEqual(["1", "2"]);
  });
});
