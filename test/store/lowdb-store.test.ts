import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Member } from "../../src/domain/member.js";
import { reportId } from "../../src/domain/report.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import type { Migration } from "../../src/store/lowdb/migrations.js";
import { openStoreAsOwner, openStoreForCommand } from "../../src/store/open-store.js";
import { hamletReport } from "../features/status/status-harness.js";
import { fileVersions, rewritten } from "../support/file-versions.js";
import { compiled, startNode, tempDir } from "../support/processes.js";

function member(id: string, unitId = "hung-dao.nam-phong-2"): Member {
  return {
    id,
    name: `Người ${id}`,
    unitId,
    orgIds: [],
    roles: [{ role: "member", unitId, orgIds: [] }],
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [],
    source: "cli",
    createdAt: "2026-11-29T00:00:00.000Z",
  };
}

async function dataFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(dir, "db"), { recursive: true });
  return entries
    .map(String)
    .filter((e) => e.endsWith(".json"))
    .map((e) => join(dir, "db", e));
}

describe("the lowdb store", () => {
  it("keeps what was written across a reopen, in files only the owner can read", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await store.members.save({
      ...member("m1"),
      identities: [
        { channel: "zalo", chatId: "1234567890123456789", boundAt: "x", lastSeenAt: "x" },
      ],
    });
    await store.close();

    const reopened = await openLowStore(dir);
    const [found] = await reopened.members.membersOfChat("zalo", "1234567890123456789");
    expect(found?.id).toBe("m1");
    for (const file of await dataFiles(dir)) {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }
  });

  it("logs a member's change, and folds it into the one small file it changed", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await store.members.saveMany(Array.from({ length: 2000 }, (_, i) => member(`m${i}`)));
    await store.maintenance.flush();
    const before = await fileVersions(await dataFiles(dir));
    await store.members.save({ ...member("m7"), name: "Đổi tên" });
    // On disk at once, in the change log, with no file of 2,000 members rewritten for it.
    expect(rewritten(before, await fileVersions(await dataFiles(dir)))).toEqual([]);
    const logs = (await readdir(join(dir, "db", "members"))).filter((f) => f.endsWith(".jsonl"));
    const logged = await Promise.all(
      logs.map((f) => readFile(join(dir, "db", "members", f), "utf8")),
    );
    expect(logged.join("")).toContain("Đổi tên");
    await store.close();
    const changed = rewritten(before, await fileVersions(await dataFiles(dir)));
    expect(changed).toHaveLength(1);
    expect(await readFile(changed[0] ?? "", "utf8")).toContain("Đổi tên");
  });

  it("writes nothing on closing when nothing changed since it opened", async () => {
    const dir = await tempDir();
    const first = await openLowStore(dir);
    await first.members.saveMany(Array.from({ length: 200 }, (_, i) => member(`m${i}`)));
    await first.close();
    const before = await fileVersions(await dataFiles(dir));
    const second = await openLowStore(dir);
    await second.members.get("m7");
    await second.close();
    expect(rewritten(before, await fileVersions(await dataFiles(dir)))).toEqual([]);
  });

  it("never hands out stored state to be changed by accident", async () => {
    const store = await openLowStore(await tempDir());
    await store.members.save(member("m1"));
    const read = await store.members.get("m1");
    expect(() => {
      (read as Member).name = "changed";
    }).toThrow();
    expect((await store.members.get("m1"))?.name).toBe("Người m1");
  });

  it("holds the lists a province's members and reports repeat once, and still takes changes to them", async () => {
    const dir = await tempDir();
    const first = await openLowStore(dir);
    const farmers = (id: string) => ({ ...member(id), orgIds: ["hoi-nong-dan", "mttq"] });
    await first.members.saveMany([farmers("m1"), farmers("m2"), member("m3")]);
    for (const hamletId of ["hung-dao.nam-phong-1", "hung-dao.nam-phong-2"]) {
      await first.reports.save(
        hamletReport(
          hamletId,
          "2026-W48",
          { roadConcretedM: 120 },
          { groups: ["roads", "environment"] },
        ),
      );
    }
    await first.close();

    const store = await openLowStore(dir);
    const [m1, m2, m3] = await Promise.all(["m1", "m2", "m3"].map((id) => store.members.get(id)));
    expect(m1?.orgIds).toEqual(["hoi-nong-dan", "mttq"]);
    expect(m1?.orgIds).toBe(m2?.orgIds);
    expect(m3?.orgIds).toBe(m1?.roles[0]?.orgIds);
    const reports = await store.reports.listWeek("2026-W48");
    expect(reports.map((r) => r.groups)).toEqual([
      ["roads", "environment"],
      ["roads", "environment"],
    ]);
    expect(reports[0]?.groups).toBe(reports[1]?.groups);
    expect(reports[0]?.id).toBe(reportId("hung-dao.nam-phong-1", "2026-W48"));

    await store.members.save({ ...(m1 as Member), orgIds: ["hoi-nong-dan"] });
    expect((await store.members.get("m1"))?.orgIds).toEqual(["hoi-nong-dan"]);
    expect((await store.members.get("m2"))?.orgIds).toEqual(["hoi-nong-dan", "mttq"]);
  });

  it("redeems an invite code once, even when two chats try at the same time", async () => {
    const store = await openLowStore(await tempDir());
    await store.invites.save({
      code: "K7PM3Q",
      roles: ["hamlet_head"],
      unitId: "hung-dao.nam-phong-2",
      orgIds: [],
      locale: "vi",
      createdAt: "2026-11-20T00:00:00.000Z",
      expiresAt: "2026-12-04T00:00:00.000Z",
    });
    const now = "2026-11-29T00:00:00.000Z";
    const [a, b] = await Promise.all([
      store.invites.redeem("K7PM3Q", { channel: "telegram", chatId: "1" }, now),
      store.invites.redeem("K7PM3Q", { channel: "telegram", chatId: "2" }, now),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, reason: "used" });
    expect(await store.members.list()).toHaveLength(1);
  });

  it("runs a pending migration once and records the new schema version", async () => {
    const dir = await tempDir();
    const first = await openLowStore(dir);
    await first.members.save(member("m1"));
    await first.close();
    let runs = 0;
    const addPhone: Migration = {
      version: 2,
      description: "every member gets an empty phone",
      up: async (collections) => {
        runs++;
        const members = collections.get("members");
        const all = (members?.all() ?? []) as Member[];
        await members?.put(...all.map((m) => ({ ...m, phone: "0" })));
      },
    };
    const second = await openLowStore(dir, [addPhone]);
    expect((await second.members.get("m1"))?.phone).toBe("0");
    await second.close();
    await openLowStore(dir, [addPhone]);
    expect(runs).toBe(1);
    expect(JSON.parse(await readFile(join(dir, "db", "meta.json"), "utf8")).schemaVersion).toBe(2);
  });

  it("refuses a data folder written by a newer version", async () => {
    const dir = await tempDir();
    await (await openLowStore(dir)).close();
    await writeFile(join(dir, "db", "meta.json"), JSON.stringify({ schemaVersion: 99 }));
    await expect(openLowStore(dir)).rejects.toThrow(/newer version/);
  });
});

describe("the store across processes", () => {
  it("a process killed in a burst of writes leaves files that load and hold every acknowledged write", async () => {
    const dir = await tempDir();
    const writer = startNode(compiled("src/testing/store-writer.js"), [
      dir,
      "owner",
      "w",
      "100000",
    ]);
    await writer.waitForLine((line) => line === "ack w-3000");
    writer.child.kill("SIGKILL");
    await writer.exited;
    const acknowledged = writer.lines.filter((l) => l.startsWith("ack ")).map((l) => l.slice(4));
    expect(acknowledged.length).toBeGreaterThan(100);

    const opened = await openStoreForCommand(dir);
    const stored = new Set((await opened.store.members.list()).map((m) => m.id));
    await opened.close();
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    for (const file of await dataFiles(dir)) {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }
  });

  it("a bot killed in a storm of report steps keeps every acknowledged draft, menu and handled mark", async () => {
    const dir = await tempDir();
    // 30 heads answering at once, killed past the point where the logs are first checkpointed.
    const writer = startNode(compiled("src/testing/step-writer.js"), [dir, "30", "1000"]);
    await writer.waitForLine(
      (line) => line.startsWith("ack ") && Number(line.split(" ")[3]) >= 6000,
    );
    writer.child.kill("SIGKILL");
    await writer.exited;
    const lastStep = new Map<string, { step: number; update: number }>();
    const handled: string[] = [];
    for (const line of writer.lines.filter((l) => l.startsWith("ack "))) {
      const [, memberId = "", step, update] = line.split(" ");
      lastStep.set(memberId, { step: Number(step), update: Number(update) });
      handled.push(`telegram:update:${update}`);
    }
    expect(lastStep.size).toBe(30);

    const opened = await openStoreForCommand(dir);
    try {
      const now = new Date().toISOString();
      for (const [memberId, acknowledged] of lastStep) {
        const draft = await opened.store.dialogs.get(memberId);
        // A step written but not yet acknowledged may be there too: never an older one.
        expect(draft?.revision).toBeGreaterThanOrEqual(acknowledged.step);
        const menu = await opened.store.chatMenus.get(`telegram:${memberId.slice("head-".length)}`);
        expect(Number(menu?.choices[0]?.data)).toBeGreaterThanOrEqual(acknowledged.update);
      }
      const forgotten: string[] = [];
      for (const key of handled)
        if (!(await opened.store.claims.has(key, now))) forgotten.push(key);
      expect(forgotten).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 120_000);

  it("forgets handled updates' marks once they expire, and keeps marks made for good", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const friday = Date.parse("2026-11-27T12:00:00Z");
    await store.claims.claim("telegram:update:1", new Date(friday).toISOString(), 48 * 3600_000);
    await store.claims.claim("report-reminder:2026-W48", new Date(friday).toISOString());
    // Three days on, the bot has handled a thousand more updates.
    const monday = new Date(friday + 72 * 3600_000).toISOString();
    for (let n = 2; n <= 1_001; n++) {
      await store.claims.claim(`telegram:update:${n}`, monday, 48 * 3600_000);
    }
    await store.close();

    const onDisk = await Promise.all(
      (await readdir(join(dir, "db", "claims"))).map((f) =>
        readFile(join(dir, "db", "claims", f), "utf8"),
      ),
    );
    expect(onDisk.some((text) => text.includes('"telegram:update:1"'))).toBe(false);
    expect(onDisk.some((text) => text.includes('"telegram:update:1001"'))).toBe(true);
    expect(onDisk.some((text) => text.includes('"report-reminder:2026-W48"'))).toBe(true);
  });

  it("a bot and a CLI command writing at the same time lose nothing", async () => {
    const dir = await tempDir();
    const bot = startNode(compiled("src/testing/store-writer.js"), [
      dir,
      "owner",
      "bot",
      "400",
      "3000",
    ]);
    await bot.waitForLine((line) => line === "ready owner");
    const cli = startNode(compiled("src/testing/store-writer.js"), [dir, "command", "cli", "400"]);
    expect(await cli.waitForLine((line) => line.startsWith("ready"))).toBe("ready guest");
    expect(await cli.exited).toBe(0);
    expect(await bot.exited).toBe(0);

    const opened = await openStoreForCommand(dir);
    const ids = (await opened.store.members.list()).map((m) => m.id);
    await opened.close();
    expect(ids.filter((id) => id.startsWith("bot-"))).toHaveLength(400);
    expect(ids.filter((id) => id.startsWith("cli-"))).toHaveLength(400);
  });

  it("a command sees the running owner's data at once, through the socket", async () => {
    const dir = await tempDir();
    const owner = await openStoreAsOwner(dir);
    const command = await openStoreForCommand(dir);
    expect(command.mode).toBe("guest");
    await command.store.members.save(member("from-cli"));
    expect((await owner.store.members.get("from-cli"))?.name).toBe("Người from-cli");
    await expect(command.store.members.get("nobody")).resolves.toBeUndefined();
    await command.close();
    await owner.close();
    const socketMode = (await stat(dir)).mode & 0o777;
    expect(socketMode).toBe(0o700);
  });

  it("a command keeps and reads a photo's bytes through the socket", async () => {
    const dir = await tempDir();
    const owner = await openStoreAsOwner(dir);
    const command = await openStoreForCommand(dir);
    expect(command.mode).toBe("guest");
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 254]);
    await command.store.files.put("reports/a.jpg", { bytes, mimeType: "image/jpeg" });
    const byOwner = await owner.store.files.get("reports/a.jpg");
    expect([...(byOwner?.bytes ?? [])]).toEqual([0xff, 0xd8, 0xff, 0, 1, 254]);
    const byCommand = await command.store.files.get("reports/a.jpg");
    expect(byCommand?.bytes).toBeInstanceOf(Uint8Array);
    expect([...(byCommand?.bytes ?? [])]).toEqual([0xff, 0xd8, 0xff, 0, 1, 254]);
    await command.close();
    await owner.close();
  });
});
