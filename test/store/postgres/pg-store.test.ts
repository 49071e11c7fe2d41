import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { newBroadcast } from "../../../src/domain/broadcast-lifecycle.js";
import type { HamletReport } from "../../../src/domain/report.js";
import { restoreBackup } from "../../../src/features/admin/backups.js";
import { syncReferenceData } from "../../../src/features/reference-sync.js";
import { loadReferenceData } from "../../../src/reference/loader.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { MIGRATIONS } from "../../../src/store/postgres/migrations.js";
import { openPgStore } from "../../../src/store/postgres/pg-store.js";
import type { Snapshot } from "../../../src/store/snapshot.js";
import { readSnapshotFile } from "../../../src/store/snapshot-file.js";
import type { Store } from "../../../src/store/store.js";
import { person, WEDNESDAY } from "../../support/people.js";
import { postgresSkipReason, TEST_DATABASE_URL, TestSchema } from "../../support/postgres.js";
import { tempDir } from "../../support/processes.js";

const HAMLET = "hung-dao.nam-phong-2";
const LATER = "2026-11-25T04:00:00.000Z";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping the PostgreSQL store tests: ${skipReason}`);

function report(version: number, receipt: string): HamletReport {
  return {
    id: `${HAMLET}@2026-W48`,
    hamletId: HAMLET,
    week: "2026-W48",
    receipt,
    authorId: "m100001",
    groups: [],
    values: { roadConcretedM: 100 * (version + 1) },
    criteriaClaimed: [],
    photos: [],
    submittedAt: WEDNESDAY,
    late: false,
    review: "submitted",
    version,
  };
}

/** A small commune's week, written through the port: what a city keeps. */
async function liveAWeek(store: Store): Promise<void> {
  await syncReferenceData(store, loadReferenceData());
  await store.members.saveMany([person("m100001", HAMLET, []), person("m100002", HAMLET, [])]);
  await store.invites.save({
    code: "ACDEFG",
    roles: ["member"],
    unitId: HAMLET,
    orgIds: [],
    locale: "vi",
    createdAt: WEDNESDAY,
    expiresAt: "2026-12-25T03:00:00.000Z",
  });
  await store.invites.redeem("ACDEFG", { channel: "zalo", chatId: "zalo-7" }, WEDNESDAY);
  await store.reports.save(report(0, "2026-48-0001"));
  await store.reports.save(report(1, "2026-48-0002"));
  await store.reports.reopen(HAMLET, "2026-W48", "m100002", LATER);
  const broadcast = newBroadcast(
    {
      kind: "campaign",
      text: "Ngày Chủ nhật xanh",
      audience: { orgIds: [], areaIds: ["hung-dao"], roles: [] },
      schedule: { kind: "now" },
      urgent: false,
    },
    { id: "1", authorId: "m100002", senderUnitId: "hung-dao", at: WEDNESDAY },
    true,
  );
  await store.broadcasts.save(broadcast, [
    {
      broadcastId: "1",
      at: WEDNESDAY,
      action: "approved",
      actorId: "m100002",
      version: 0,
      details: {},
    },
  ]);
  const payloadId = await store.outbox.savePayload({ text: "Ngày Chủ nhật xanh" });
  await store.outbox.enqueue(
    ["m100001", "m100002"].map((memberId) => ({
      key: `broadcast:1:${memberId}`,
      purpose: "broadcast:1",
      memberId,
      payloadId,
      notBefore: WEDNESDAY,
    })),
    WEDNESDAY,
  );
  const [sending] = await store.outbox.claim({ now: WEDNESDAY, limit: 1, leaseMs: 60_000 });
  if (sending?.lease)
    await store.outbox.finish(sending.key, sending.lease.id, { state: "sent" }, LATER);
  await store.claims.claim("reminder:2026-W48:fri", WEDNESDAY, 60_000);
  await store.attempts.record("zalo:zalo-9", WEDNESDAY);
  await store.dialogs.saveNext({
    memberId: "m100001",
    flow: "report",
    step: "roads",
    answers: { roads: 120 },
    context: { week: "2026-W48" },
    startedAt: WEDNESDAY,
    updatedAt: LATER,
    revision: 0,
  });
  await store.chatMenus.save({ key: "zalo:zalo-7", choices: [], shownAt: LATER });
  await store.audit.record({
    id: "a1",
    at: LATER,
    actor: "cli:admin",
    action: "member-exported",
    memberId: "m100001",
  });
}

/** The documents in an order of their content, to compare collections read in any order. */
function inSomeOrder(docs: unknown[]): unknown[] {
  const sortedKeys = (value: unknown): string =>
    JSON.stringify(value, (_key, inner: unknown) =>
      inner && typeof inner === "object" && !Array.isArray(inner)
        ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
        : inner,
    );
  return docs
    .map((doc) => ({ key: sortedKeys(doc), doc }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map(({ doc }) => doc);
}

describe.skipIf(skipReason !== undefined)("the store in PostgreSQL", () => {
  const schemas: TestSchema[] = [];
  const freshSchema = () => {
    const schema = new TestSchema();
    schemas.push(schema);
    return schema;
  };
  afterAll(async () => {
    for (const schema of schemas) await schema.drop();
  });

  it("holds a city moved from lowdb exactly: every collection reads back the same", async () => {
    const low = await openLowStore(await tempDir());
    await liveAWeek(low);
    const before = low.snapshot();
    await low.close();

    const store = await openPgStore(TEST_DATABASE_URL, { schema: freshSchema().name });
    try {
      await store.load(before);
      const after = await store.exportSnapshot();
      for (const [name, docs] of Object.entries(before.collections)) {
        expect({ name, docs: inSomeOrder(after.collections[name] ?? []) }).toEqual({
          name,
          docs: inSomeOrder(docs),
        });
      }
      expect((await store.reports.history(HAMLET, "2026-W48")).map((r) => r.receipt)).toEqual([
        "2026-48-0001",
      ]);
      expect((await store.members.membersOfChat("zalo", "zalo-7")).map((m) => m.id)).toEqual([
        "m000001",
      ]);
      expect(await store.sequences.next("member")).toBe(2);
      // A send queued now is numbered after the two moved over.
      const [queued] = await store.outbox.enqueue(
        [{ key: "k", purpose: "p", memberId: "m1", payloadId: "", notBefore: WEDNESDAY }],
        WEDNESDAY,
      );
      expect(queued?.item.seq).toBeGreaterThan(2);
    } finally {
      await store.close();
    }
  });

  it("writes its backup a document a line, and the backup restores into an empty data folder", async () => {
    const store = await openPgStore(TEST_DATABASE_URL, { schema: freshSchema().name });
    const file = join(await tempDir(), "snapshot.json");
    let before: Snapshot;
    try {
      await liveAWeek(store);
      await store.maintenance.backup(file);
      before = await store.exportSnapshot();
    } finally {
      await store.close();
    }
    const text = await readFile(file, "utf8");
    const written = JSON.parse(text) as Snapshot;
    const documents = Object.values(written.collections).flat().length;
    expect(documents).toBeGreaterThan(10);
    expect(text.split("\n").length).toBeGreaterThan(documents);

    const target = join(await tempDir(), "restored");
    expect(await restoreBackup(target, file)).toMatchObject({ ok: true, records: documents });
    const restored = await openLowStore(target);
    try {
      const after = restored.snapshot();
      for (const [name, docs] of Object.entries(before.collections)) {
        expect({ name, docs: inSomeOrder(after.collections[name] ?? []) }).toEqual({
          name,
          docs: inSomeOrder(docs),
        });
      }
    } finally {
      await restored.close();
    }
  });

  it("backs up more rows than it reads at once, every one of them, and restores them", async () => {
    const store = await openPgStore(TEST_DATABASE_URL, { schema: freshSchema().name });
    const file = join(await tempDir(), "snapshot.json");
    // More members than a page of documents, more photos than a page of files.
    const people = Array.from({ length: 12_345 }, (_, n) => person(`m${n}`, HAMLET, []));
    try {
      await store.members.saveMany(people);
      for (let n = 0; n < 45; n++) {
        await store.files.put(`photos/${n}.jpg`, {
          bytes: new Uint8Array([n, 1, 2, 3]),
          mimeType: "image/jpeg",
        });
      }
      await store.maintenance.backup(file);
    } finally {
      await store.close();
    }
    const written = JSON.parse(await readFile(file, "utf8")) as Snapshot;
    expect(written.collections.members).toHaveLength(12_345);
    expect(written.collections["kept-files"]).toHaveLength(45);

    // Files travel only between databases: read back into a fresh one.
    const read = await readSnapshotFile(file);
    if (!read.ok) throw new Error(`backup refused: ${read.reason}`);
    const restored = await openPgStore(TEST_DATABASE_URL, { schema: freshSchema().name });
    try {
      await restored.load(read.snapshot);
      expect((await restored.members.list()).map((m) => m.id).sort()).toEqual(
        people.map((m) => m.id).sort(),
      );
      expect((await restored.files.get("photos/44.jpg"))?.bytes).toEqual(
        new Uint8Array([44, 1, 2, 3]),
      );
    } finally {
      await restored.close();
    }
  }, 60_000);

  it("keeps a message's file in the database, so another instance can send it", async () => {
    const schema = freshSchema();
    const [one, two] = await Promise.all([
      openPgStore(TEST_DATABASE_URL, { schema: schema.name }),
      openPgStore(TEST_DATABASE_URL, { schema: schema.name }),
    ]);
    try {
      const chart = Buffer.from("biểu đồ tuần 48").toString("base64");
      const payloadId = await one.outbox.savePayload({
        text: "Tổng hợp tuần 48",
        file: { kind: "photo", fileName: "tuan-48.png", mimeType: "image/png", base64: chart },
      });
      expect((await two.outbox.payload(payloadId))?.file?.base64).toBe(chart);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("hands an instance the reports another filed since, also one still being written when it looked", async () => {
    const schema = freshSchema();
    const [one, two] = await Promise.all([
      openPgStore(TEST_DATABASE_URL, { schema: schema.name }),
      openPgStore(TEST_DATABASE_URL, { schema: schema.name }),
    ]);
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${schema.name}"`);
      const first = await one.reports.changedSince();
      // Another instance's filing begins, then a quicker one is filed and committed: the next
      // look sees the quick one, and must not step past the one still being written.
      const late = { ...report(0, "2026-49-0001"), id: `${HAMLET}@2026-W49`, week: "2026-W49" };
      await client.query("BEGIN");
      await client.query("INSERT INTO reports (id, week, hamlet_id, doc) VALUES ($1, $2, $3, $4)", [
        late.id,
        late.week,
        late.hamletId,
        late,
      ]);
      await two.reports.save(report(0, "2026-48-0001"));
      const second = await one.reports.changedSince(first.mark);
      expect(second.reports.map((r) => r.receipt)).toEqual(["2026-48-0001"]);
      await client.query("COMMIT");
      const third = await one.reports.changedSince(second.mark);
      expect([third.everything, third.reports.map((r) => r.receipt)]).toEqual([
        false,
        ["2026-49-0001"],
      ]);
      expect((await one.reports.changedSince(third.mark)).reports).toEqual([]);
    } finally {
      await client.end();
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("migrates once when instances start together, and refuses a database of newer code", async () => {
    const schema = freshSchema();
    const open = () => openPgStore(TEST_DATABASE_URL, { schema: schema.name });
    const stores = await Promise.all([open(), open(), open()]);
    await Promise.all(stores.map((store) => store.close()));
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const applied = await client.query(
        `SELECT version FROM "${schema.name}".schema_migrations ORDER BY version`,
      );
      // Each migration once, in order.
      expect(applied.rows).toEqual([
        { version: 1 },
        { version: 2 },
        { version: 3 },
        { version: 4 },
        { version: 5 },
        { version: 6 },
        { version: 7 },
        { version: 8 },
      ]);
      await client.query(
        `INSERT INTO "${schema.name}".schema_migrations (version, description) VALUES (99, 'future')`,
      );
    } finally {
      await client.end();
    }
    await expect(open()).rejects.toThrow(/newer version \(schema 99\)/);
  });

  it("numbers the sends of a database from before the enqueue sequence in the order queued", async () => {
    const schema = freshSchema();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      // A database migrated by the version before, holding three sends for one member queued
      // in the same millisecond, their keys sorting against the order queued.
      await client.query(`CREATE SCHEMA "${schema.name}"; SET search_path TO "${schema.name}"`);
      await client.query(`CREATE TABLE schema_migrations (version integer PRIMARY KEY,
        description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      for (const migration of MIGRATIONS.filter((m) => m.version <= 4)) {
        await client.query(migration.sql);
        await client.query("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)", [
          migration.version,
          migration.description,
        ]);
      }
      for (const key of ["c", "b", "a"]) {
        const doc = {
          key,
          purpose: "summary",
          memberId: "lan",
          payloadId: "p",
          urgent: false,
          state: "queued",
          notBefore: WEDNESDAY,
          attempts: 0,
          messageIds: [],
          createdAt: WEDNESDAY,
          updatedAt: WEDNESDAY,
        };
        await client.query(
          `INSERT INTO outbox (id, purpose, state, not_before, urgent, created_at, payload_id, doc)
           VALUES ($1, 'summary', 'queued', $2, false, $2, 'p', $3)`,
          [key, WEDNESDAY, JSON.stringify(doc)],
        );
      }
    } finally {
      await client.end();
    }

    const store = await openPgStore(TEST_DATABASE_URL, { schema: schema.name });
    try {
      expect((await store.outbox.get("c"))?.seq).toBe(1);
      const [fresh] = await store.outbox.enqueue(
        [{ key: "0", purpose: "summary", memberId: "lan", payloadId: "p", notBefore: WEDNESDAY }],
        WEDNESDAY,
      );
      expect(fresh?.item.seq).toBe(4);
      const order: string[] = [];
      for (let sent = 0; sent < 4; sent++) {
        const [next] = await store.outbox.claim({ now: LATER, limit: 10, leaseMs: 60_000 });
        if (!next?.lease) throw new Error("nothing to claim");
        order.push(next.key);
        await store.outbox.finish(next.key, next.lease.id, { state: "sent" }, LATER);
      }
      expect(order).toEqual(["c", "b", "a", "0"]);
    } finally {
      await store.close();
    }
  });
});
