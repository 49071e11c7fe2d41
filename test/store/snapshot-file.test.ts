import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../../src/store/snapshot.js";
import { readSnapshotFile, writeSnapshotFile } from "../../src/store/snapshot-file.js";
import { countingTurns } from "../support/event-loop.js";
import { tempDir } from "../support/processes.js";

/**
 * A snapshot of `count` documents, each saying how many times the event loop had turned when
 * it was turned into text.
 */
function snapshotCountingTurns(count: number, turns: () => number): Snapshot {
  return {
    format: "chung-suc-backup",
    schemaVersion: 1,
    createdAt: "2026-11-29T12:00:00.000Z",
    collections: {
      audit: Array.from({ length: count }, (_, n) => ({
        toJSON: () => ({
          id: `a${n}`,
          loopTurns: turns(),
          note: "Đã gửi tin cho bà con".repeat(10),
        }),
      })),
    },
  };
}

describe("the backup file", () => {
  it("is turned into text a piece at a time, the event loop turning between the pieces", async () => {
    const loop = countingTurns();
    const file = join(await tempDir(), "snapshot.json");
    try {
      await writeSnapshotFile(file, snapshotCountingTurns(30_000, loop.turns));
    } finally {
      loop.stop();
    }
    const read = await readSnapshotFile(file);
    if (!read.ok) throw new Error(read.reason);
    const seen = new Set(
      read.snapshot.collections.audit?.map((doc) => (doc as { loopTurns: number }).loopTurns),
    );
    // In one go, every document saw the same turn: nothing else ran until all were text.
    expect(seen.size).toBeGreaterThan(3);
  });

  it("leaves no temporary file behind when writing it fails half-way", async () => {
    const dir = await tempDir();
    const snapshot = snapshotCountingTurns(30_000, () => 0);
    // A document that cannot be written, after megabytes of others.
    snapshot.collections.audit?.push({ amount: 10n });
    await expect(writeSnapshotFile(join(dir, "snapshot.json"), snapshot)).rejects.toThrow(
      TypeError,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it("is refused as not a backup when it is something else, and as unreadable when it cannot be read", async () => {
    const dir = await tempDir();
    const members = join(dir, "members.json");
    await writeFile(members, '{"members":[]}');
    expect(await readSnapshotFile(members)).toEqual({ ok: false, reason: "not-a-backup" });
    expect(await readSnapshotFile(join(dir, "missing.json"))).toEqual({
      ok: false,
      reason: "unreadable",
      detail: "ENOENT",
    });
    expect(await readSnapshotFile(dir)).toEqual({
      ok: false,
      reason: "unreadable",
      detail: "EISDIR",
    });
  });
});
