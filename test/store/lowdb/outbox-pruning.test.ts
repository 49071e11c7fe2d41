import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Collection } from "../../../src/store/lowdb/collection.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../../support/processes.js";
import { at, blocked, failed, photo, sendBatch, sent } from "./outbox-batches.js";

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(join(dir, "files")).catch(() => [] as string[])).sort();
}

afterEach(() => vi.restoreAllMocks());

describe("pruning the outbox", () => {
  it("forgets ended sends past the cutoff and keeps recent, queued and sending ones", async () => {
    const store = await openLowStore(await tempDir());
    await sendBatch(store, "broadcast:1", 0, { text: "cũ" }, [sent, failed, blocked]);
    await sendBatch(store, "broadcast:2", 50, { text: "mới" }, [sent]);
    const payloadId = await store.outbox.savePayload({ text: "đang chờ" });
    await store.outbox.enqueue(
      [
        { key: "q", purpose: "broadcast:3", memberId: "m1", payloadId, notBefore: at(400) },
        { key: "s", purpose: "broadcast:3", memberId: "m2", payloadId, notBefore: at(0) },
      ],
      at(0),
    );
    const [leased] = await store.outbox.claim({ now: at(0), limit: 5, leaseMs: 1000 });
    expect(leased?.key).toBe("s");

    const result = await store.outbox.prune(at(30));

    expect(result.items).toBe(3);
    expect(await store.outbox.list("broadcast:1")).toEqual([]);
    expect((await store.outbox.list("broadcast:2")).length).toBe(1);
    expect((await store.outbox.get("q"))?.state).toBe("queued");
    expect((await store.outbox.get("s"))?.state).toBe("sending");
    // The old message went with its sends; the pending one stays readable.
    expect(await store.outbox.payload(payloadId)).toEqual({ text: "đang chờ" });
  });

  it("reports the same progress for a purpose after its sends are gone, also after a restart", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await sendBatch(store, "broadcast:1", 0, { text: "cũ" }, [sent, sent, failed, blocked]);
    const before = await store.outbox.progress("broadcast:1");
    expect(before).toMatchObject({ total: 4, sent: 2, failed: 1, blocked: 1, queued: 0 });
    expect(before.finishedAt).toBeDefined();

    await store.outbox.prune(at(60));
    expect(await store.outbox.progress("broadcast:1")).toEqual(before);
    await store.close();
    const reopened = await openLowStore(dir);
    expect(await reopened.outbox.list("broadcast:1")).toEqual([]);
    expect(await reopened.outbox.progress("broadcast:1")).toEqual(before);
  });

  it("adds later pruned sends of the same purpose to what was kept", async () => {
    const store = await openLowStore(await tempDir());
    await sendBatch(store, "notices", 0, { text: "một" }, [sent, failed]);
    await store.outbox.prune(at(30));
    await sendBatch(store, "notices", 40, { text: "hai" }, [sent]);
    const before = await store.outbox.progress("notices");
    expect(before).toMatchObject({ total: 3, sent: 2, failed: 1 });

    await store.outbox.prune(at(90));
    expect(await store.outbox.progress("notices")).toEqual(before);
    expect(await store.outbox.list("notices")).toEqual([]);
  });

  it("keeps a shared file while a remaining send refers to it, and deletes it after", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await sendBatch(store, "broadcast:1", 0, photo(7), [sent, sent]);
    await sendBatch(store, "broadcast:2", 50, photo(7), [sent]);
    await sendBatch(store, "broadcast:3", 0, photo(9), [sent]);
    expect((await filesIn(dir)).length).toBe(2);
    const [shared] = await store.outbox.list("broadcast:2");

    const first = await store.outbox.prune(at(30));
    expect(first).toMatchObject({ items: 3, files: 1 });
    expect((await filesIn(dir)).length).toBe(1);
    const kept = await store.outbox.payload(shared?.payloadId ?? "");
    expect(kept?.file?.base64).toBe(photo(7).file?.base64);

    const second = await store.outbox.prune(at(90));
    expect(second).toMatchObject({ items: 1, payloads: 1, files: 1 });
    expect(await filesIn(dir)).toEqual([]);
    expect(await store.outbox.payload(shared?.payloadId ?? "")).toBeUndefined();
  });

  it("changes nothing when run a second time, and leaves no empty ledger files", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await sendBatch(store, "broadcast:1", 0, photo(3), [sent, sent, sent]);
    await sendBatch(store, "broadcast:2", 50, { text: "mới" }, [sent]);
    await store.outbox.prune(at(30));
    const ledger = (await readdir(join(dir, "db", "outbox"))).sort();
    expect(ledger.some((file) => file.startsWith("broadcast_1-"))).toBe(false);
    const progress = await store.outbox.progress("broadcast:1");

    const again = await store.outbox.prune(at(30));
    expect(again).toEqual({ items: 0, purposes: 0, payloads: 0, files: 0 });
    expect((await readdir(join(dir, "db", "outbox"))).sort()).toEqual(ledger);
    expect(await store.outbox.progress("broadcast:1")).toEqual(progress);
    expect((await store.outbox.list("broadcast:2")).length).toBe(1);
  });

  it("finishes a prune that crashed midway without counting anything twice", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await sendBatch(store, "broadcast:1", 0, photo(5), [sent, failed, sent]);
    await sendBatch(store, "broadcast:2", 50, { text: "mới" }, [sent]);
    const before = await store.outbox.progress("broadcast:1");
    // The process dies after the counts were kept, before the sends were removed.
    vi.spyOn(Collection.prototype, "removeMany").mockRejectedValueOnce(new Error("power cut"));
    await expect(store.outbox.prune(at(30))).rejects.toThrow("power cut");
    await store.close();

    const reopened = await openLowStore(dir);
    expect(await reopened.outbox.progress("broadcast:1")).toEqual(before);
    // A file left behind by a crash after its message was forgotten.
    const orphan = "ab".repeat(32);
    await writeFile(join(dir, "files", orphan), "x");

    const result = await reopened.outbox.prune(at(30));
    expect(result).toMatchObject({ items: 3, purposes: 0, payloads: 1, files: 2 });
    expect(await reopened.outbox.progress("broadcast:1")).toEqual(before);
    expect(await filesIn(dir)).toEqual([]);
    expect((await reopened.outbox.list("broadcast:2")).length).toBe(1);
  });

  it("keeps a message saved for sends not enqueued yet", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const payloadId = await store.outbox.savePayload(photo(4));
    await store.outbox.prune(at(30));
    expect((await store.outbox.payload(payloadId))?.text).toBe("Ngày hội Đại đoàn kết");
    expect((await filesIn(dir)).length).toBe(1);
  });
});
