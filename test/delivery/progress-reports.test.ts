import { describe, expect, it } from "vitest";
import { ProgressReports } from "../../src/delivery/progress-reports.js";
import { silentLogger } from "../../src/logger.js";
import type { OutboxProgress } from "../../src/store/outbox-repository.js";

/** A 100,000-member broadcast with `sent` of it delivered and the rest still going. */
function underWay(sent: number): OutboxProgress {
  return {
    purpose: "broadcast:7",
    total: 100_000,
    textOnly: 0,
    queued: 100_000 - sent - 50,
    sending: 50,
    sent,
    failed: 0,
    blocked: 0,
  };
}

/** The counts its author is shown, as they come. */
function watched(reports: ProgressReports): number[] {
  const shown: number[] = [];
  reports.onProgress((_purpose, progress) => shown.push(progress.sent));
  return shown;
}

describe("progress reports of a batch", () => {
  it("tells how a batch stands once a second while it is quick to count", () => {
    const reports = new ProgressReports(silentLogger(), 1000);
    const shown = watched(reports);
    reports.finished(underWay(1_000), 1_000, 2);
    expect(reports.due("broadcast:7", 1_999)).toBe(false);
    expect(reports.due("broadcast:7", 2_000)).toBe(true);
    reports.finished(underWay(2_000), 2_000, 2);
    expect(shown).toEqual([1_000, 2_000]);
  });

  it("counts a batch slow to count less often, so counting holds the bot up a fiftieth of the time", () => {
    const reports = new ProgressReports(silentLogger(), 1000);
    const shown = watched(reports);
    // Counting 100,000 sends took 80 ms: the next count waits 4 s, not 1.
    reports.finished(underWay(1_000), 1_000, 80);
    expect(reports.due("broadcast:7", 2_000)).toBe(false);
    expect(reports.due("broadcast:7", 4_999)).toBe(false);
    expect(reports.due("broadcast:7", 5_000)).toBe(true);
    expect(shown).toEqual([1_000]);
  });

  it("still tells the end at once, however long the count took", () => {
    const reports = new ProgressReports(silentLogger(), 1000);
    const shown = watched(reports);
    const ends: number[] = [];
    reports.onPurposeDone((_purpose, progress) => ends.push(progress.sent));
    reports.finished(underWay(1_000), 1_000, 80);
    reports.finished({ ...underWay(100_000), queued: 0, sending: 0 }, 1_500, 80);
    expect(shown).toEqual([1_000, 100_000]);
    expect(ends).toEqual([100_000]);
  });
});
