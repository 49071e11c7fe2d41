import { cp, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import type { OutboxItem } from "../../../src/store/outbox-repository.js";
import { tempDir } from "../../support/processes.js";
import { at, blocked, failed, sendBatch, sent } from "./outbox-batches.js";

/** The outbox files of a purpose (named after it: `broadcast_1-<hash>.<n>.json`). */
async function filesOf(dir: string, readable: string): Promise<string[]> {
  const names = await readdir(join(dir, "db", "outbox"));
  return names
    .filter((name) => name.startsWith(`${readable}-`))
    .map((n) => join(dir, "db", "outbox", n));
}

describe("the outbox's history on lowdb", () => {
  it("starts without reading a finished broadcast's sends, and reads them when they are listed", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await sendBatch(store, "broadcast:1", 0, { text: "Họp thôn" }, [sent, failed, blocked]);
    const progress = await store.outbox.progress("broadcast:1");
    const list = await store.outbox.list("broadcast:1");
    await store.close();

    const reopened = await openLowStore(dir);
    expect(await reopened.outbox.progress("broadcast:1")).toEqual(progress);
    expect(sortedByKey(await reopened.outbox.list("broadcast:1"))).toEqual(sortedByKey(list));
    expect((await reopened.outbox.get("broadcast:1:m1"))?.state).toBe("failed");
    await reopened.close();

    // Damaged files of the finished broadcast do not stop a start: it never reads them.
    for (const file of await filesOf(dir, "broadcast_1")) await writeFile(file, "{ damaged");
    const again = await openLowStore(dir);
    expect(await again.outbox.progress("broadcast:1")).toEqual(progress);
    await expect(again.outbox.list("broadcast:1")).rejects.toThrow(/damaged|broadcast_1/i);
  });

  it("keeps a broadcast still sending in memory: it goes on after a restart", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await sendBatch(store, "broadcast:1", 0, { text: "xong" }, [sent]);
    const payloadId = await store.outbox.savePayload({ text: "đang gửi" });
    await store.outbox.enqueue(
      [
        {
          key: "broadcast:2:m1",
          purpose: "broadcast:2",
          memberId: "m1",
          payloadId,
          notBefore: at(1),
        },
      ],
      at(1),
    );
    await store.close();

    const reopened = await openLowStore(dir);
    const claimed = await reopened.outbox.claim({ now: at(1), limit: 10, leaseMs: 1000 });
    expect(claimed.map((item) => item.key)).toEqual(["broadcast:2:m1"]);
  });

  it("a new send to a finished purpose is kept across a crash, with the sends before it", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await sendBatch(store, "reply:m1", 0, { text: "trả lời 1" }, [sent, sent]);
    await store.close();

    const reopened = await openLowStore(dir);
    const payloadId = await reopened.outbox.savePayload({ text: "trả lời 2" });
    const [again] = await reopened.outbox.enqueue(
      [{ key: "reply:m1:m0", purpose: "reply:m1", memberId: "m0", payloadId, notBefore: at(2) }],
      at(2),
    );
    expect(again?.created).toBe(false);
    await reopened.outbox.enqueue(
      [{ key: "reply:m1:later", purpose: "reply:m1", memberId: "m0", payloadId, notBefore: at(2) }],
      at(2),
    );
    // No close: the process is killed here.

    const afterCrash = await openLowStore(dir);
    const claimed = await afterCrash.outbox.claim({ now: at(2), limit: 10, leaseMs: 1000 });
    expect(claimed.map((item) => item.key)).toEqual(["reply:m1:later"]);
    expect(await afterCrash.outbox.progress("reply:m1")).toMatchObject({
      total: 3,
      sent: 2,
      sending: 1,
    });
  });

  it("a send logged for a purpose on record as ended is replayed onto its history, none lost", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await sendBatch(store, "broadcast:1", 0, { text: "Họp thôn" }, Array(40).fill(sent));
    await store.close();
    const ended = join(dir, "db", "outbox-ended");
    const endedThen = join(dir, "outbox-ended-then");
    await cp(ended, endedThen, { recursive: true });

    const reopened = await openLowStore(dir);
    const payloadId = await reopened.outbox.savePayload({ text: "Nhắc lại" });
    const late = { key: "broadcast:1:late", purpose: "broadcast:1", memberId: "m0", payloadId };
    await reopened.outbox.enqueue([{ ...late, notBefore: at(1) }], at(1));
    const [claimed] = await reopened.outbox.claim({ now: at(1), limit: 1, leaseMs: 1000 });
    await reopened.outbox.finish(late.key, claimed?.lease?.id ?? "", sent, at(1));
    // Killed as a put-away had written broadcast:1 down as ended again, before its checkpoint:
    // the finished send is only in the change log, and the start leaves the files on disk.
    await rm(ended, { recursive: true });
    await cp(endedThen, ended, { recursive: true });

    const afterCrash = await openLowStore(dir);
    await afterCrash.close();
    const again = await openLowStore(dir);
    const keys = (await again.outbox.list("broadcast:1")).map((item) => item.key);
    expect(keys).toHaveLength(41);
    expect(keys).toContain(late.key);
    expect(await again.outbox.progress("broadcast:1")).toMatchObject({ total: 41, sent: 41 });
  });

  it("a backup taken after a restart holds the sends left on disk", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await sendBatch(store, "broadcast:1", 0, { text: "Họp thôn" }, [sent, sent, failed]);
    const before = store.snapshot().collections.outbox as OutboxItem[];
    await store.close();

    const reopened = await openLowStore(dir);
    const after = reopened.snapshot().collections.outbox as OutboxItem[];
    expect(sortedByKey(after)).toEqual(sortedByKey(before));
    expect(after).toHaveLength(3);
  });

  it("prunes old sends left on disk, keeping the progress and what a newer send needs", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await sendBatch(store, "broadcast:1", 0, { text: "cũ" }, [sent, blocked]);
    await sendBatch(store, "broadcast:2", 50, { text: "mới" }, [sent]);
    const progress = await store.outbox.progress("broadcast:1");
    await store.close();

    const reopened = await openLowStore(dir);
    const result = await reopened.outbox.prune(at(30));
    expect(result).toMatchObject({ items: 2, purposes: 1, payloads: 1 });
    expect(await reopened.outbox.list("broadcast:1")).toEqual([]);
    expect(await reopened.outbox.progress("broadcast:1")).toEqual(progress);
    const [kept] = await reopened.outbox.list("broadcast:2");
    expect(await reopened.outbox.payload(kept?.payloadId ?? "")).toEqual({ text: "mới" });
    expect(await filesOf(dir, "broadcast_1")).toEqual([]);
    expect(await reopened.outbox.prune(at(30))).toMatchObject({ items: 0, payloads: 0 });
  });
});

function sortedByKey(items: readonly OutboxItem[]): OutboxItem[] {
  return [...items].sort((a, b) => a.key.localeCompare(b.key));
}
