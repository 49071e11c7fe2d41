import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { outboxRetentionJob } from "../../src/delivery/retention.js";
import { silentLogger } from "../../src/logger.js";
import { type LowStore, openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { startTelegramBench } from "../e2e/support/telegram-bench.js";
import { tempDir } from "../support/processes.js";

const DAY = 24 * 3600_000;

/** Sends a batch of `n` messages that all arrived at `when`; the first one failed. */
async function endedBatch(store: LowStore, purpose: string, n: number, when: Date) {
  const now = when.toISOString();
  const payloadId = await store.outbox.savePayload({ text: `Thông báo ${purpose}` });
  await store.outbox.enqueue(
    Array.from({ length: n }, (_, i) => ({
      key: `${purpose}:m${i}`,
      purpose,
      memberId: `m${i}`,
      payloadId,
      notBefore: now,
    })),
    now,
  );
  const claimed = await store.outbox.claim({ now, limit: n, leaseMs: 60_000 });
  for (const [i, item] of claimed.entries()) {
    await store.outbox.finish(
      item.key,
      item.lease?.id ?? "",
      i === 0 ? { state: "failed", reason: "400" } : { state: "sent" },
      now,
    );
  }
}

describe("the daily outbox retention job", () => {
  it("forgets sends ended more than OUTBOX_RETENTION_DAYS ago, keeping their counts", async () => {
    const store = await openLowStore(await tempDir());
    const now = new Date("2026-11-29T03:00:00.000Z");
    await endedBatch(store, "broadcast:1", 5, new Date(now.getTime() - 61 * DAY));
    await endedBatch(store, "broadcast:2", 3, new Date(now.getTime() - 59 * DAY));
    const before = await store.outbox.progress("broadcast:1");

    const job = outboxRetentionJob({
      store,
      config: parseConfig({}),
      logger: silentLogger(),
      now: () => now,
    });
    await job.run(now);

    expect(await store.outbox.list("broadcast:1")).toEqual([]);
    expect(await store.outbox.progress("broadcast:1")).toEqual(before);
    expect(before).toMatchObject({ total: 5, sent: 4, failed: 1 });
    expect((await store.outbox.list("broadcast:2")).length).toBe(3);
  });

  it("honours a shorter retention from the configuration", async () => {
    const store = await openLowStore(await tempDir());
    const now = new Date("2026-11-29T03:00:00.000Z");
    await endedBatch(store, "reminder:2026-W44:fri", 2, new Date(now.getTime() - 10 * DAY));
    const job = outboxRetentionJob({
      store,
      config: parseConfig({ OUTBOX_RETENTION_DAYS: "7" }),
      logger: silentLogger(),
      now: () => now,
    });
    await job.run(now);
    expect(await store.outbox.list("reminder:2026-W44:fri")).toEqual([]);
    expect((await store.outbox.progress("reminder:2026-W44:fri")).total).toBe(2);
  });

  it("is registered in the app: a start catches it up and old sends are gone", async () => {
    const start = new Date("2026-11-25T03:00:00Z");
    const bench = await startTelegramBench({ start });
    try {
      await bench.app.stop();
      const store = await openLowStore(bench.dataDir);
      await endedBatch(store, "broadcast:7", 4, new Date(start.getTime() - 70 * DAY));
      await endedBatch(store, "broadcast:8", 2, new Date(start.getTime() - 2 * DAY));
      const before = await store.outbox.progress("broadcast:7");
      await store.close();

      // The next day: the first start already ran that day's occurrence.
      bench.clock.now = new Date(start.getTime() + DAY);
      await bench.restart();

      const outbox = bench.app.deps.store.outbox;
      expect(await outbox.list("broadcast:7")).toEqual([]);
      expect(await outbox.progress("broadcast:7")).toEqual(before);
      expect((await outbox.list("broadcast:8")).length).toBe(2);
    } finally {
      await bench.stop();
    }
  });
});
