import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import type { NewOutboxItem } from "../../../src/store/outbox-repository.js";
import { fileVersions, rewritten } from "../../support/file-versions.js";
import { tempDir } from "../../support/processes.js";

const T0 = "2026-11-27T01:00:00.000Z";
const later = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

function item(n: number, payloadId: string, purpose = "broadcast:1"): NewOutboxItem {
  return { key: `${purpose}:m${n}`, purpose, memberId: `m${n}`, payloadId, notBefore: T0 };
}

describe("the outbox on lowdb", () => {
  it("keeps one send per key: enqueueing again returns the existing one", async () => {
    const store = await openLowStore(await tempDir());
    const payloadId = await store.outbox.savePayload({ text: "Họp thôn tối thứ Sáu" });
    const first = await store.outbox.enqueue([item(1, payloadId)], T0);
    const again = await store.outbox.enqueue([item(1, payloadId), item(1, payloadId)], later(5));
    expect(first[0]?.created).toBe(true);
    expect(again.map((r) => r.created)).toEqual([false, false]);
    expect((await store.outbox.list("broadcast:1")).length).toBe(1);
    expect(again[0]?.item.createdAt).toBe(T0);
  });

  it("stores one message for all recipients of a broadcast, and a photo as a file of its own", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const photo = Buffer.alloc(300_000, 7);
    const message = {
      text: "Ngày hội Đại đoàn kết",
      file: {
        kind: "photo" as const,
        fileName: "a.png",
        mimeType: "image/png",
        base64: photo.toString("base64"),
      },
    };
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add(await store.outbox.savePayload(structuredClone(message)));
    expect(ids.size).toBe(1);
    const [payloadId] = [...ids] as [string];
    await store.outbox.enqueue(
      Array.from({ length: 200 }, (_, n) => item(n, payloadId)),
      T0,
    );
    await store.close();

    const files = await readdir(join(dir, "files"));
    expect(files.length).toBe(1);
    expect((await stat(join(dir, "files", files[0] as string))).mode & 0o777).toBe(0o600);
    // No ledger file carries the photo's bytes.
    for (const file of await readdir(join(dir, "db", "outbox"))) {
      expect((await stat(join(dir, "db", "outbox", file))).size).toBeLessThan(50_000);
    }
    const reopened = await openLowStore(dir);
    const back = await reopened.outbox.payload(payloadId);
    expect(Buffer.from(back?.file?.base64 ?? "", "base64").equals(photo)).toBe(true);
  });

  it("hands each due send to one claim only, urgent ones first", async () => {
    const store = await openLowStore(await tempDir());
    const payloadId = await store.outbox.savePayload({ text: "x" });
    await store.outbox.enqueue(
      [
        ...Array.from({ length: 10 }, (_, n) => item(n, payloadId)),
        { ...item(99, payloadId, "alert:1"), urgent: true },
        { ...item(50, payloadId), key: "later", notBefore: later(60_000) },
      ],
      T0,
    );
    const [a, b, c] = await Promise.all([
      store.outbox.claim({ now: T0, limit: 4, leaseMs: 60_000 }),
      store.outbox.claim({ now: T0, limit: 4, leaseMs: 60_000 }),
      store.outbox.claim({ now: T0, limit: 4, leaseMs: 60_000 }),
    ]);
    const keys = [...(a ?? []), ...(b ?? []), ...(c ?? [])].map((i) => i.key);
    expect(new Set(keys).size).toBe(11);
    expect(keys).not.toContain("later");
    expect(a?.[0]?.key).toBe("alert:1:m99");
    expect(await store.outbox.nextDue()).toBe(later(60_000));
    const progress = await store.outbox.progress("broadcast:1");
    expect(progress).toMatchObject({ total: 11, sending: 10, queued: 1, sent: 0 });
  });

  it("changes a claimed send only under its own lease", async () => {
    const store = await openLowStore(await tempDir());
    const payloadId = await store.outbox.savePayload({ text: "x" });
    await store.outbox.enqueue([item(1, payloadId)], T0);
    const [claimed] = await store.outbox.claim({ now: T0, limit: 1, leaseMs: 1000 });
    const lease = claimed?.lease?.id as string;
    expect(await store.outbox.finish("broadcast:1:m1", "someone-else", { state: "sent" }, T0)).toBe(
      false,
    );
    const part = { channel: "telegram" as const, chatId: "42", messageId: "7" };
    expect(await store.outbox.recordPart("broadcast:1:m1", lease, part, T0)).toBe(true);
    expect(await store.outbox.finish("broadcast:1:m1", lease, { state: "sent" }, later(1))).toBe(
      true,
    );
    const sent = await store.outbox.get("broadcast:1:m1");
    expect(sent).toMatchObject({
      state: "sent",
      channel: "telegram",
      chatId: "42",
      messageIds: ["7"],
    });
    expect((await store.outbox.progress("broadcast:1")).finishedAt).toBe(later(1));
  });

  it("after a crash puts the sends left in flight back in the queue, and says how many", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const payloadId = await store.outbox.savePayload({ text: "x" });
    await store.outbox.enqueue(
      Array.from({ length: 5 }, (_, n) => item(n, payloadId)),
      T0,
    );
    const claimed = await store.outbox.claim({ now: T0, limit: 3, leaseMs: 1000 });
    await store.outbox.finish(
      claimed[0]?.key as string,
      claimed[0]?.lease?.id as string,
      { state: "sent" },
      T0,
    );
    // The process dies here: nothing else is written.

    const reopened = await openLowStore(dir);
    const recovered = await reopened.outbox.recover(later(10), "all");
    expect(recovered.map((i) => i.key).sort()).toEqual(
      claimed
        .slice(1)
        .map((i) => i.key)
        .sort(),
    );
    expect(await reopened.outbox.progress("broadcast:1")).toMatchObject({
      queued: 4,
      sent: 1,
      sending: 0,
    });
    // A finished send is never handed out again.
    const again = await reopened.outbox.claim({ now: later(10), limit: 10, leaseMs: 1000 });
    expect(again.map((i) => i.key)).not.toContain(claimed[0]?.key);
    expect(again.length).toBe(4);
  });

  it("with several instances takes back only sends whose lease ran out", async () => {
    const store = await openLowStore(await tempDir());
    const payloadId = await store.outbox.savePayload({ text: "x" });
    await store.outbox.enqueue([item(1, payloadId), item(2, payloadId)], T0);
    await store.outbox.claim({ now: T0, limit: 1, leaseMs: 1000 });
    await store.outbox.claim({ now: later(5000), limit: 1, leaseMs: 1000 });
    const recovered = await store.outbox.recover(later(5500), "expired");
    expect(recovered.length).toBe(1);
    expect((await store.outbox.progress("broadcast:1")).sending).toBe(1);
  });

  it("rewrites no batch's file to record a send: it appends to the change log", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const payloadId = await store.outbox.savePayload({ text: "x" });
    await store.outbox.enqueue(
      Array.from({ length: 300 }, (_, n) => item(n, payloadId, "old")),
      T0,
    );
    await store.outbox.enqueue([item(1, payloadId, "new")], T0);
    // At rest (a stop, a checkpoint) the batches' files hold everything.
    await store.maintenance.flush();
    const folder = join(dir, "db", "outbox");
    const files = async () => (await readdir(folder)).map((file) => join(folder, file));
    const before = await fileVersions(await files());
    const [claimed] = await store.outbox.claim({ now: T0, limit: 1, leaseMs: 1000 });
    expect(claimed?.purpose).toBe("old");
    await store.outbox.finish(
      claimed?.key as string,
      claimed?.lease?.id as string,
      { state: "sent" },
      T0,
    );
    const changed = rewritten(before, await fileVersions(await files()));
    expect(changed.map((file) => basename(file))).toEqual([
      expect.stringMatching(/^changes-\d+\.jsonl$/),
    ]);
    expect(before.size).toBeGreaterThan(10);
  });

  it("numbers sends stored before the enqueue sequence in the order queued, and goes on from there", async () => {
    const dir = await tempDir();
    const old = await openLowStore(dir);
    const payloadId = await old.outbox.savePayload({ text: "Tổng hợp tuần" });
    // Keys sorting against the order queued.
    for (const [n, key] of ["c", "b", "a"].entries()) {
      const queued = { key, purpose: "summary", memberId: "lan", payloadId, notBefore: T0 };
      await old.outbox.enqueue([queued], later(n));
    }
    await old.close();
    // As a data folder of the version before the sequence left them.
    const folder = join(dir, "db", "outbox");
    for (const file of await readdir(folder)) {
      const path = join(folder, file);
      await writeFile(path, (await readFile(path, "utf8")).replace(/"seq":\d+,?/g, ""));
    }

    const store = await openLowStore(dir);
    const seqOf = async (key: string) => (await store.outbox.get(key))?.seq;
    expect([await seqOf("c"), await seqOf("b"), await seqOf("a")]).toEqual([1, 2, 3]);
    const queued = { key: "0", purpose: "summary", memberId: "lan", payloadId, notBefore: T0 };
    const [fresh] = await store.outbox.enqueue([queued], later(2));
    expect(fresh?.item.seq).toBe(4);
  });
});
