import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Collection } from "../../../src/store/lowdb/collection.js";
import { hashPartition } from "../../../src/store/lowdb/collection-layout.js";
import type { PinnedPartitions } from "../../../src/store/lowdb/pinned-partitions.js";
import { countingTurns } from "../../support/event-loop.js";
import { tempDir } from "../../support/processes.js";

interface Send {
  key: string;
  memberId: string;
  state: "queued" | "sent" | "failed";
}

/** Laid out as the outbox is: many files, changes to a log, files rewritten at a checkpoint. */
const layout = {
  id: (send: Send) => send.key,
  partition: hashPartition<Send>(40, (send: Send) => send.key),
  changeLog: { checkpointEvery: 1_000_000 },
};

/** A finished broadcast to 2,000 members. */
const sends: Send[] = Array.from({ length: 2_000 }, (_, n) => ({
  key: `broadcast:1:m${n}`,
  memberId: `m${n}`,
  state: n % 7 === 0 ? "failed" : "sent",
}));

/**
 * The sends stored, then opened again with every file but `p000` left on disk, as the outbox
 * leaves an ended broadcast's.
 */
async function historyOnDisk(): Promise<{ dir: string; history: Collection<Send> }> {
  const dir = await tempDir();
  const first = new Collection<Send>(dir, layout);
  await first.load();
  await first.putMany(sends);
  await first.flush();
  const history = new Collection<Send>(dir, layout);
  await history.load({ leaveOnDisk: (name) => name !== "p000" });
  return { dir, history };
}

/** Every send a pinned snapshot hands out, with the event-loop turn each batch came in. */
async function readPinned(
  pinned: PinnedPartitions<Send>,
  turns: () => number = () => 0,
): Promise<{ read: Send[]; cameAt: number[] }> {
  const read: Send[] = [];
  const cameAt: number[] = [];
  try {
    for await (const batch of pinned) {
      cameAt.push(turns());
      read.push(...batch);
    }
  } finally {
    pinned.release();
  }
  return { read, cameAt };
}

function byKey(list: readonly Send[]): Send[] {
  return [...list].sort((a, b) => a.key.localeCompare(b.key));
}

describe("a snapshot of a collection with files left on disk, read after its instant", () => {
  it("hands out every document once, a file at a time, the event loop turning between files", async () => {
    const { history } = await historyOnDisk();
    const loop = countingTurns();
    let batches: { read: Send[]; cameAt: number[] };
    try {
      batches = await readPinned(history.pinAllStored(), loop.turns);
    } finally {
      loop.stop();
    }
    expect(byKey(batches.read)).toEqual(byKey(sends));
    // What is in memory, then the 39 files.
    expect(batches.cameAt).toHaveLength(40);
    // Read without yielding, every file came in the same turn as the one before: nothing else
    // (no message) could be handled until all were read.
    const sameTurnAsBefore = batches.cameAt.filter((turn, i) => turn === batches.cameAt[i - 1]);
    expect(sameTurnAsBefore).toEqual([]);
  });

  it("hands out a file changed or removed after the instant as it was then, nothing twice", async () => {
    const { dir, history } = await historyOnDisk();
    const inFile = (name: string) => sends.filter((send) => layout.partition(send) === name);
    const pinned = history.pinAllStored();

    // After the instant: two files' sends are brought back into memory, as a late change to a
    // finished broadcast does, then both files are rewritten (one resent, one emptied and
    // removed), and a new send comes.
    history.bringIn(["p001", "p002"]);
    await history.putMany(inFile("p001").map((send) => ({ ...send, state: "queued" as const })));
    await history.removeMany(inFile("p002").map((send) => send.key));
    await history.put({ key: "broadcast:1:late", memberId: "m9999", state: "queued" });
    await history.flush();
    expect(await history.dropEmptyFiles()).toBe(1);
    const p001 = JSON.parse(await readFile(join(dir, "p001.json"), "utf8"));
    expect(Object.values(p001.docs).every((send) => (send as Send).state === "queued")).toBe(true);

    const { read } = await readPinned(pinned);
    expect(byKey(read)).toEqual(byKey(sends));
  });

  it("once released, hands out no more: a backup is never written short", async () => {
    const { history } = await historyOnDisk();

    const releasedBetweenFiles = history.pinAllStored();
    const between = releasedBetweenFiles[Symbol.asyncIterator]();
    await between.next();
    await between.next();
    releasedBetweenFiles.release();
    await expect(between.next()).rejects.toThrow(/released/);

    const releasedWhileReading = history.pinAllStored();
    const reading = releasedWhileReading[Symbol.asyncIterator]();
    await reading.next();
    const file = reading.next();
    releasedWhileReading.release();
    await expect(file).rejects.toThrow(/released/);
  });
});
