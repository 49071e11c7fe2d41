import { describe, expect, it } from "vitest";
import { BatchCounting } from "../../src/delivery/batch-counting.js";
import { ProgressReports } from "../../src/delivery/progress-reports.js";
import { silentLogger } from "../../src/logger.js";
import type { OutboxProgress } from "../../src/store/outbox-repository.js";

/** A batch of 3 sends as the store counts it: `sent` of them delivered, `sending` on the wire. */
function standing(sent: number, sending: number): OutboxProgress {
  return {
    purpose: "broadcast:7",
    total: 3,
    textOnly: 0,
    queued: 3 - sent - sending,
    sending,
    sent,
    failed: 0,
    blocked: 0,
  };
}

/** A worker's counting over a store whose counts are given in turn, with what the author sees. */
function counting(counts: OutboxProgress[]) {
  const reports = new ProgressReports(silentLogger(), 1000);
  const shown: number[] = [];
  const ends: number[] = [];
  reports.onProgress((_purpose, progress) => shown.push(progress.sent));
  reports.onPurposeDone((_purpose, progress) => ends.push(progress.sent));
  let reads = 0;
  const batches = new BatchCounting(
    reports,
    async () => counts[reads++] ?? standing(3, 0),
    () => 10_000,
    silentLogger(),
  );
  return { batches, shown, ends, reads: () => reads };
}

describe("counting a batch's sends for its author", () => {
  it("reads the batch when a report is due and once its last send here ended, not after every send", async () => {
    const { batches, shown, ends, reads } = counting([standing(1, 2), standing(3, 0)]);
    for (let i = 0; i < 3; i++) batches.claimed("broadcast:7");
    await batches.ended("broadcast:7", "sent");
    await batches.ended("broadcast:7", "sent");
    await batches.ended("broadcast:7", "sent");
    expect(reads()).toBe(1);
    // The next claim brought none of its sends: the batch may be done, and it is.
    await batches.countUnclaimed();
    expect(reads()).toBe(2);
    expect(shown).toEqual([1, 3]);
    expect(ends).toEqual([3]);
  });

  it("leaves a batch claimed again to the end of that send, and reads nothing for a send that broke off", async () => {
    const { batches, ends, reads } = counting([standing(1, 0)]);
    batches.claimed("broadcast:7");
    await batches.ended("broadcast:7", "sent");
    batches.claimed("broadcast:7");
    await batches.ended("broadcast:7", "sent");
    expect(reads()).toBe(1);
    // Its last send here ended, but the next claim brought another of its sends.
    batches.claimed("broadcast:7");
    await batches.countUnclaimed();
    expect(reads()).toBe(1);
    await batches.ended("broadcast:7");
    await batches.countUnclaimed();
    expect(reads()).toBe(1);
    expect(ends).toEqual([]);
  });
});
