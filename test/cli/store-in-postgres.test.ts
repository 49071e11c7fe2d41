import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataDir } from "../../src/bootstrap.js";
import { openPgStore } from "../../src/store/postgres/pg-store.js";
import { jsonOf, runCli } from "../support/cli.js";
import { postgresSkipReason, TEST_DATABASE_URL, TestSchema } from "../support/postgres.js";
import { tempDir } from "../support/processes.js";

const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 4, 5, 6]);
const PHOTO_KEY = "reports/hung-dao.nam-phong-2@2026-W48/road.jpg";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping the CLI on PostgreSQL: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("the CLI with DATABASE_URL", () => {
  const schema = new TestSchema();
  beforeAll(() => schema.create());
  afterAll(() => schema.drop());

  it("keeps what an operator creates in PostgreSQL, seen by the next command, not in DATA_DIR", async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: dir, DATABASE_URL: schema.url, DEFAULT_LOCALE: "en" };
    const created = await runCli(
      ["invite", "create", "--role", "member", "--unit", "thuc-phan", "--json"],
      env,
    );
    expect(created.code).toBe(0);
    const { code } = jsonOf<{ code: string }>(created);
    const revoked = await runCli(["invite", "revoke", code], env);
    expect(revoked.stdout).toContain(`Invite ${code} is revoked.`);

    const store = await openPgStore(TEST_DATABASE_URL, { schema: schema.name });
    try {
      const stored = await store.invites.get(code);
      expect([stored?.unitId, stored?.revokedAt !== undefined]).toEqual(["thuc-phan", true]);
      // The shipped reference data was synced into the database on first use.
      expect(await store.units.get("thuc-phan")).toBeDefined();
    } finally {
      await store.close();
    }
    expect(await readdir(dir)).not.toContain("db");
  });

  it("restores a backup of a city on files into an empty PostgreSQL, photos too, and only once", async () => {
    const dir = await tempDir();
    const opened = await openDataDir({ dataDir: dir }, "owner");
    await opened.store.files.put(PHOTO_KEY, { bytes: PHOTO, mimeType: "image/jpeg" });
    await opened.close();
    const backup = join(await tempDir(), "chung-suc.json");
    expect((await runCli(["backup", "--out", backup], { DATA_DIR: dir })).code).toBe(0);

    const target = new TestSchema();
    await target.create();
    try {
      const env = { DATA_DIR: await tempDir(), DATABASE_URL: target.url, DEFAULT_LOCALE: "en" };
      const restored = await runCli(["restore", backup], env);
      expect(restored.code).toBe(0);
      const store = await openPgStore(TEST_DATABASE_URL, { schema: target.name });
      try {
        expect(await store.units.get("thuc-phan")).toBeDefined();
        expect([...((await store.files.get(PHOTO_KEY))?.bytes ?? [])]).toEqual([...PHOTO]);
      } finally {
        await store.close();
      }
      const again = await runCli(["restore", backup], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("already holds data");
    } finally {
      await target.drop();
    }
  });

  it("refuses a DATABASE_URL that is not PostgreSQL's, naming it, in the operator's language", async () => {
    const dir = await tempDir();
    const run = await runCli(["units", "list"], {
      DATA_DIR: dir,
      DATABASE_URL: "mysql://db.example.vn/chung_suc",
      DEFAULT_LOCALE: "vi",
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      "DATABASE_URL: phải là một địa chỉ PostgreSQL, ví dụ postgres://user:password@host:5432/database",
    );
  });
});
