import { appendFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DamagedDataError } from "../../../src/store/damaged-data.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import type { NewOutboxItem } from "../../../src/store/outbox-repository.js";
import { tempDir } from "../../support/processes.js";

const T0 = "2026-11-27T01:00:00.000Z";

function item(n: number, payloadId: string, extra: Partial<NewOutboxItem> = {}): NewOutboxItem {
  return {
    key: `broadcast:1:m${n}`,
    purpose: "broadcast:1",
    memberId: `m${n}`,
    payloadId,
    notBefore: T0,
    ...extra,
  };
}

/** A store on a fresh folder with two sends queued (m1 and m2) of one message. */
async function twoQueued(text: string) {
  const dir = await tempDir();
  const store = await openLowStore(dir);
  const payloadId = await store.outbox.savePayload({ text });
  await store.outbox.enqueue([item(1, payloadId), item(2, payloadId)], T0);
  return { dir, store };
}

const outboxFolder = (dir: string) => join(dir, "db", "outbox");
const changeFiles = async (dir: string) =>
  (await readdir(outboxFolder(dir))).filter((file) => file.endsWith(".jsonl")).sort();

/**
 * The outbox ledger appends each change to a log and rewrites its files only now and then.
 * A store opened again on the same folder without closing the first is what a start after
 * `kill -9` sees: only what reached the disk.
 */
describe("the outbox's change log on lowdb", () => {
  it("after a crash, a send is as it was last recorded: sent, and never handed out again", async () => {
    const { dir, store } = await twoQueued("Họp xóm tối thứ Bảy");
    const [first] = await store.outbox.claim({ now: T0, limit: 1, leaseMs: 60_000 });
    const lease = first?.lease?.id as string;
    await store.outbox.recordPart(
      first?.key as string,
      lease,
      { channel: "telegram", chatId: "100001", messageId: "7" },
      T0,
    );
    await store.outbox.finish(first?.key as string, lease, { state: "sent" }, T0);

    const restarted = await openLowStore(dir);
    expect(await restarted.outbox.get(first?.key as string)).toMatchObject({
      state: "sent",
      messageIds: ["7"],
    });
    expect(await restarted.outbox.recover(T0, "all")).toEqual([]);
    const next = await restarted.outbox.claim({ now: T0, limit: 10, leaseMs: 60_000 });
    expect(next.map((claimed) => claimed.key)).toEqual(["broadcast:1:m2"]);
  });

  it("queues a broadcast to 150,000 members in one call, every send still there after a crash", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const payloadId = await store.outbox.savePayload({ text: "Cả tỉnh chung sức" });
    // More sends than the stack holds as arguments, and a log write of more than its pieces.
    const sends = Array.from({ length: 150_000 }, (_, n) => item(n, payloadId));
    const results = await store.outbox.enqueue(sends, T0);
    expect(results.filter((result) => result.created)).toHaveLength(150_000);

    const afterCrash = await openLowStore(dir);
    const progress = await afterCrash.outbox.progress("broadcast:1");
    expect(progress.queued).toBe(150_000);
    const [first, last] = [
      await afterCrash.outbox.get("broadcast:1:m0"),
      await afterCrash.outbox.get("broadcast:1:m149999"),
    ];
    expect([first?.state, last?.state]).toEqual(["queued", "queued"]);
  }, 60_000);

  it("leaves out a last line a crash cut short, and keeps every change before it", async () => {
    const { dir, store } = await twoQueued("x");
    const claimed = await store.outbox.claim({ now: T0, limit: 2, leaseMs: 60_000 });
    const [first] = claimed;
    await store.outbox.finish(
      first?.key as string,
      first?.lease?.id as string,
      { state: "sent" },
      T0,
    );
    const last = (await changeFiles(dir)).at(-1) as string;
    await appendFile(join(outboxFolder(dir), last), '{"put":{"key":"broadcast:1:m2","sta');

    const restarted = await openLowStore(dir);
    expect((await restarted.outbox.progress("broadcast:1")).sent).toBe(1);
    // The other send was claimed and not finished: taken back, counted as a possible repeat.
    expect((await restarted.outbox.recover(T0, "all")).map((i) => i.key)).toEqual([
      claimed[1]?.key,
    ]);
  });

  it("refuses to start on a damaged line inside the log, naming the file", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const payloadId = await store.outbox.savePayload({ text: "x" });
    await store.outbox.enqueue([item(1, payloadId)], T0);
    const last = (await changeFiles(dir)).at(-1) as string;
    await appendFile(join(outboxFolder(dir), last), '{"put":{"key"\n{"remove":"x"}\n');

    const opening = openLowStore(dir);
    await expect(opening).rejects.toBeInstanceOf(DamagedDataError);
    await expect(opening).rejects.toMatchObject({ file: join(outboxFolder(dir), last) });
  });

  it("at a stop, writes the ledger's files whole and leaves no log to replay", async () => {
    const { dir, store } = await twoQueued("x");
    const [first] = await store.outbox.claim({ now: T0, limit: 1, leaseMs: 60_000 });
    await store.outbox.finish(
      first?.key as string,
      first?.lease?.id as string,
      { state: "sent" },
      T0,
    );
    expect(await changeFiles(dir)).not.toEqual([]);
    await store.close();

    expect(await changeFiles(dir)).toEqual([]);
    const restarted = await openLowStore(dir);
    expect(await restarted.outbox.progress("broadcast:1")).toMatchObject({ sent: 1, queued: 1 });
  });

  it("hands out sends in the same order after a restart: urgent first, then as queued", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const payloadId = await store.outbox.savePayload({ text: "x" });
    await store.outbox.enqueue(
      [5, 4, 3, 2, 1].map((n) => item(n, payloadId)),
      T0,
    );
    await store.outbox.enqueue([item(9, payloadId, { urgent: true })], T0);
    const keys = (claimed: { key: string }[]) =>
      claimed.map((i) => i.key.slice("broadcast:1:".length));

    // From the log alone (a crash), then from the files alone (a stop).
    const crashed = await openLowStore(dir);
    expect(keys(await crashed.outbox.claim({ now: T0, limit: 3, leaseMs: 60_000 }))).toEqual([
      "m9",
      "m5",
      "m4",
    ]);
    await crashed.close();
    const stopped = await openLowStore(dir);
    expect(keys(await stopped.outbox.claim({ now: T0, limit: 5, leaseMs: 60_000 }))).toEqual([
      "m3",
      "m2",
      "m1",
    ]);
  });
});
