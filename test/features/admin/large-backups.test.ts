import { copyFile, readFile, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../../src/cli/run.js";
import {
  restoreBackup,
  writeBackupTo,
  writeRotatedBackup,
} from "../../../src/features/admin/backups.js";
import {
  isEmptyDataDir,
  type LowStore,
  openLowStore,
} from "../../../src/store/lowdb/lowdb-store.js";
import type { OutboxItem } from "../../../src/store/outbox-repository.js";
import type { Snapshot } from "../../../src/store/snapshot.js";
import { writeSnapshotFile } from "../../../src/store/snapshot-file.js";
import { at, failed, sendBatch, sent } from "../../store/lowdb/outbox-batches.js";
import { tempDir } from "../../support/processes.js";

const QUEUED_AT = "2026-11-18T01:00:00.000Z";

/** A data folder whose outbox holds `count` sends of one province-wide broadcast, queued. */
async function provinceWithSends(count: number): Promise<{ dataDir: string; store: LowStore }> {
  const dataDir = await tempDir();
  const store = await openLowStore(dataDir);
  const payloadId = await store.outbox.savePayload({ text: "Ngày hội Đại đoàn kết toàn dân tộc" });
  // 10,000 a call: `enqueue` hands its sends to one `put` as arguments, which ~120,000 overflow.
  for (let start = 0; start < count; start += 10_000) {
    await store.outbox.enqueue(
      Array.from({ length: Math.min(10_000, count - start) }, (_, i) => ({
        key: `b1:m${start + i}`,
        purpose: "b1",
        memberId: `m${String(start + i).padStart(7, "0")}`,
        payloadId,
        notBefore: QUEUED_AT,
      })),
      QUEUED_AT,
    );
  }
  return { dataDir, store };
}

/**
 * A data folder whose outbox holds `broadcasts` finished broadcasts to `members` members each,
 * opened again: their sends are left on disk, as a province's history is.
 */
async function provinceWithHistory(
  broadcasts: number,
  members: number,
): Promise<{ dataDir: string; store: LowStore }> {
  const dataDir = await tempDir();
  const first = await openLowStore(dataDir);
  for (let b = 1; b <= broadcasts; b++) {
    const purpose = `broadcast:${b}`;
    const payloadId = await first.outbox.savePayload({ text: `Thông báo số ${b}` });
    await first.outbox.enqueue(
      Array.from({ length: members }, (_, n) => ({
        key: `${purpose}:m${n}`,
        purpose,
        memberId: `m${n}`,
        payloadId,
        notBefore: at(b),
      })),
      at(b),
    );
    const claimed = await first.outbox.claim({ now: at(b), limit: members, leaseMs: 60_000 });
    // All answered at once, as a sender's answers come: one write of the log for them all.
    await Promise.all(
      claimed.map((item, n) =>
        first.outbox.finish(
          item.key,
          item.lease?.id ?? "",
          n % 9 === 0 ? failed : sent,
          at(b + 0.01),
        ),
      ),
    );
  }
  await first.close();
  return { dataDir, store: await openLowStore(dataDir) };
}

/** Every document of a store by collection, in an order that does not depend on its files. */
/** The daily backup as the job writes it, at noon on 29 November. */
function rotatedBackup(store: LowStore, dataDir: string) {
  return writeRotatedBackup(store, {
    dataDir,
    keep: 14,
    now: () => new Date("2026-11-29T12:00:00Z"),
    timeZone: "Asia/Ho_Chi_Minh",
  });
}

function documentsOf(store: LowStore): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(store.snapshot().collections).map(([name, docs]) => [
      name,
      docs.map((doc) => JSON.stringify(doc)).sort(),
    ]),
  );
}

/** Restores `file` with the CLI into a new folder, in English: the exit code and what it said. */
async function restoreWithCli(file: string) {
  const dataDir = await tempDir();
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ["restore", file],
    // DATABASE_URL empty: a developer's .env cannot send the restore to a database.
    { DATA_DIR: dataDir, DEFAULT_LOCALE: "en", DATABASE_URL: "" },
    { stdout: (text) => out.push(text), stderr: (text) => err.push(text) },
  );
  return { code, stdout: out.join(""), stderr: err.join(""), dataDir };
}

describe("the backup of a province with 60,000 sends in its outbox", () => {
  const SENDS = 60_000;
  let province: { dataDir: string; store: LowStore };
  beforeAll(async () => {
    province = await provinceWithSends(SENDS);
  }, 120_000);
  afterAll(async () => {
    await province?.store.close();
  });

  it("restores into an empty data folder with every document as it was", async () => {
    const { dataDir, store } = province;
    const written = await rotatedBackup(store, dataDir);
    const target = join(await tempDir(), "restored");
    const result = await restoreBackup(target, written.file);
    expect(result).toMatchObject({ ok: true });

    const restored = await openLowStore(target);
    try {
      const after = documentsOf(restored);
      expect(after.outbox).toHaveLength(SENDS);
      expect(after).toEqual(documentsOf(store));
      expect(await restored.outbox.progress("b1")).toMatchObject({ total: SENDS, queued: SENDS });
    } finally {
      await restored.close();
    }
  }, 120_000);

  it("lets the bot go on while it is written: the event loop turns every few thousand documents", async () => {
    const { dataDir, store } = province;
    const file = join(await tempDir(), "snapshot.json");
    // Counted in documents turned into text, not in milliseconds, so that a slow or busy
    // machine cannot fail it: a message coming in waits at most for one stretch of them.
    const stringify = vi.spyOn(JSON, "stringify");
    const turns: number[] = [];
    let writing = true;
    const turn = () => {
      turns.push(stringify.mock.calls.length);
      if (writing) setImmediate(turn);
    };
    turn();
    try {
      await writeBackupTo(store, file, dataDir);
    } finally {
      writing = false;
      turns.push(stringify.mock.calls.length);
      stringify.mockRestore();
    }
    const longest = Math.max(...turns.slice(1).map((calls, i) => calls - (turns[i] as number)));
    expect(turns.at(-1)).toBeGreaterThan(SENDS);
    // Written in one go, all 60,000 documents were turned into text without a turn between.
    expect(longest).toBeLessThan(SENDS / 6);
  }, 60_000);

  it("writes plain JSON of the shape backups always had, a document a line", async () => {
    const { dataDir, store } = province;
    const file = join(await tempDir(), "snapshot.json");
    await writeBackupTo(store, file, dataDir);
    const text = await readFile(file, "utf8");

    const parsed = JSON.parse(text) as Snapshot;
    expect(Object.keys(parsed)).toEqual(["format", "schemaVersion", "createdAt", "collections"]);
    expect(parsed.format).toBe("chung-suc-backup");
    expect(parsed.schemaVersion).toBe(store.snapshot().schemaVersion);
    expect(parsed.collections.outbox).toHaveLength(SENDS);
    const lines = text.split("\n");
    expect(lines.length).toBeGreaterThan(SENDS);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(1000);
  }, 60_000);
});

describe("restoring a backup", () => {
  let small: { dataDir: string; store: LowStore };
  let streamed: string;
  beforeAll(async () => {
    small = await provinceWithSends(3_000);
    streamed = join(await tempDir(), "snapshot.json");
    await writeBackupTo(small.store, streamed, small.dataDir);
  }, 60_000);
  afterAll(async () => {
    await small?.store.close();
  });

  it("still reads a backup written on one line, as earlier versions wrote it", async () => {
    const file = join(await tempDir(), "old.json");
    await writeFile(file, JSON.stringify(small.store.snapshot()), { mode: 0o600 });
    expect((await readFile(file, "utf8")).includes("\n")).toBe(false);

    const run = await restoreWithCli(file);
    expect(run.stderr).toContain("has no files folder");
    expect(run.code).toBe(0);
    const records = Object.values(small.store.snapshot().collections).flat().length;
    expect(run.stdout).toContain(`Restored ${records} records`);
    const restored = await openLowStore(run.dataDir);
    try {
      expect(documentsOf(restored)).toEqual(documentsOf(small.store));
    } finally {
      await restored.close();
    }
  });

  /** Damages to a backup on disk, each given the file and its bytes. */
  const damages: [string, (file: string, bytes: Buffer) => Promise<void>][] = [
    [
      "cut short in the middle of a line",
      (file, bytes) => truncate(file, bytes.indexOf("\n", bytes.length / 2) - 5),
    ],
    [
      "cut short after a whole line",
      (file, bytes) => truncate(file, bytes.indexOf("\n", bytes.length / 2) + 1),
    ],
    ["cut short just before its closing line", (file, bytes) => truncate(file, bytes.length - 3)],
    [
      "with a line that is not JSON (one byte changed)",
      (file, bytes) => {
        const lines = bytes.toString("utf8").split("\n");
        const middle = Math.floor(lines.length / 2);
        lines[middle] = (lines[middle] as string).replace(":", ";");
        return writeFile(file, lines.join("\n"));
      },
    ],
  ];
  it.each(damages)("refuses a backup %s, as not a backup, restoring nothing", async (_, damage) => {
    const file = join(await tempDir(), "damaged.json");
    await copyFile(streamed, file);
    await damage(file, await readFile(streamed));

    const run = await restoreWithCli(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${file} is not a Chung Sức backup; nothing was restored.\n`);
    expect(await isEmptyDataDir(run.dataDir)).toBe(true);
  });

  it("restores a collection too big to be put in one call: 150,000 claims, two busy days of updates", async () => {
    const empty = await openLowStore(await tempDir());
    const snapshot = empty.snapshot();
    await empty.close();
    snapshot.collections.claims = Array.from({ length: 150_000 }, (_, n) => ({
      key: `update:${n}`,
      at: QUEUED_AT,
    }));
    const file = join(await tempDir(), "claims.json");
    await writeSnapshotFile(file, snapshot);

    const target = join(await tempDir(), "restored");
    expect(await restoreBackup(target, file)).toMatchObject({ ok: true });
    const restored = await openLowStore(target);
    try {
      expect(restored.snapshot().collections.claims).toHaveLength(150_000);
      expect(await restored.claims.has("update:149999", QUEUED_AT)).toBe(true);
    } finally {
      await restored.close();
    }
  }, 60_000);
});

describe("the backup of a province whose finished broadcasts are left on disk", () => {
  const BROADCASTS = 20;
  const MEMBERS = 500;
  let province: { dataDir: string; store: LowStore };
  beforeAll(async () => {
    province = await provinceWithHistory(BROADCASTS, MEMBERS);
  }, 120_000);
  afterAll(async () => {
    await province?.store.close();
  });

  it("restores into an empty data folder with every document as it was, those on disk too", async () => {
    const { dataDir, store } = province;
    const written = await rotatedBackup(store, dataDir);
    const target = join(await tempDir(), "restored");
    expect(await restoreBackup(target, written.file)).toMatchObject({ ok: true });

    const restored = await openLowStore(target);
    try {
      const after = documentsOf(restored);
      expect(after.outbox).toHaveLength(BROADCASTS * MEMBERS);
      expect(after).toEqual(documentsOf(store));
      expect(await restored.outbox.progress("broadcast:7")).toEqual(
        await store.outbox.progress("broadcast:7"),
      );
    } finally {
      await restored.close();
    }
  }, 60_000);

  it("holds none of a prune and a late send made while it is written, and nothing twice", async () => {
    const { dataDir, store } = province;
    const file = join(await tempDir(), "snapshot.json");
    const written = writeBackupTo(store, file, dataDir);
    // The instant the backup is of: nothing can change between its start and this.
    const atStart = documentsOf(store);
    // Meanwhile, the sends of the first eleven broadcasts are pruned (their files brought back,
    // emptied and removed), and a finished broadcast takes a late send (its files brought back
    // and rewritten).
    const pruned = store.outbox.prune(at(12));
    const late = (async () => {
      const payloadId = await store.outbox.savePayload({ text: "Nhắc lại: họp thôn tối nay" });
      await store.outbox.enqueue(
        [
          {
            key: "broadcast:15:late",
            purpose: "broadcast:15",
            memberId: "m0",
            payloadId,
            notBefore: at(40),
          },
        ],
        at(40),
      );
      await store.maintenance.flush();
    })();
    await Promise.all([written, pruned, late]);
    expect((await pruned).items).toBe(11 * MEMBERS);
    expect(await store.outbox.get("broadcast:15:late")).toBeDefined();

    const target = join(await tempDir(), "restored");
    expect(await restoreBackup(target, file)).toMatchObject({ ok: true });
    const restored = await openLowStore(target);
    try {
      expect(documentsOf(restored)).toEqual(atStart);
    } finally {
      await restored.close();
    }
  }, 60_000);
});

/** V8's garbage collector, run on demand: whatever is still kept after it is held by someone. */
function collectGarbage(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

describe("a backup, written or failed", () => {
  it("holds on to nothing after: sends pruned later are let go", async () => {
    const gc = collectGarbage();
    const dataDir = await tempDir();
    const first = await openLowStore(dataDir);
    await sendBatch(first, "broadcast:1", 0, { text: "Họp thôn" }, [sent, sent, failed]);
    await first.close();
    const store = await openLowStore(dataDir);
    try {
      await writeBackupTo(store, join(await tempDir(), "snapshot.json"), dataDir);
      await expect(
        store.maintenance.backup(join(dataDir, "no-such-folder", "snapshot.json")),
      ).rejects.toThrow(/ENOENT/);

      // A late send brings the finished broadcast's sends back into memory, and a prune takes
      // the old ones from it.
      const payloadId = await store.outbox.savePayload({ text: "Nhắc lại" });
      await store.outbox.enqueue(
        [
          {
            key: "broadcast:1:late",
            purpose: "broadcast:1",
            memberId: "m0",
            payloadId,
            notBefore: at(40),
          },
        ],
        at(40),
      );
      const pruned = new WeakRef((await store.outbox.get("broadcast:1:m0")) as OutboxItem);
      expect(await store.outbox.prune(at(30))).toMatchObject({ items: 3 });
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      // Kept for a backup that will never read it, a province's pruned history would stay in
      // memory.
      expect(pruned.deref()).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
