import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonOf, runCli } from "../support/cli.js";
import { compiled, startNode, tempDir } from "../support/processes.js";

async function populatedDataDir(): Promise<string> {
  const dir = await tempDir();
  const csv = join(await tempDir(), "members.csv");
  await writeFile(
    csv,
    "name,phone,unit,roles,orgs\nHoàng Văn Thắng,0912345678,hung-dao.nam-phong-2,hamlet_head,\nNông Thị Lan,,hung-dao.da-quan,member;broadcaster,hoi-phu-nu\n",
  );
  const units = join(await tempDir(), "units.csv");
  await writeFile(units, "id,name,kind,parent\nvinh-quang.ban-a,Xóm Bản A,hamlet,vinh-quang\n");
  for (const args of [
    ["members", "import", csv],
    ["units", "import", units],
    ["invite", "create", "--role", "member", "--unit", "thuc-phan"],
  ]) {
    expect((await runCli(args, { DATA_DIR: dir })).code).toBe(0);
  }
  return dir;
}

describe("backup and restore", () => {
  it("restores into an empty folder exactly what was backed up", async () => {
    const source = await populatedDataDir();
    const file = join(await tempDir(), "snapshot.json");
    const backup = await runCli(["backup", "--out", file, "--json"], { DATA_DIR: source });
    expect(backup.code).toBe(0);
    expect(jsonOf(backup)).toMatchObject({ file });
    expect((await readFile(file, "utf8")).length).toBeGreaterThan(1000);

    const target = join(await tempDir(), "restored");
    const restore = await runCli(["restore", file], { DATA_DIR: target, DEFAULT_LOCALE: "en" });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("Restored");

    for (const list of [
      ["members", "list", "--json"],
      ["units", "list", "--json"],
      ["orgs", "list", "--json"],
    ]) {
      const before = await runCli(list, { DATA_DIR: source });
      const after = await runCli(list, { DATA_DIR: target });
      expect(after.stdout, list.join(" ")).toBe(before.stdout);
    }
    const members = jsonOf<{ members: unknown[] }>(
      await runCli(["members", "list", "--json"], { DATA_DIR: target }),
    );
    expect(members.members).toHaveLength(2);
    // The member counter came back too: the next member does not reuse an id.
    const next = await runCli(
      [
        "members",
        "add",
        "--name",
        "Ma Văn Tú",
        "--unit",
        "hung-dao",
        "--roles",
        "member",
        "--json",
      ],
      {
        DATA_DIR: target,
      },
    );
    expect(jsonOf<{ member: { id: string } }>(next).member.id).toBe("m000003");
  });

  it("refuses to restore into a folder that holds data, changing nothing", async () => {
    const source = await populatedDataDir();
    const file = join(await tempDir(), "snapshot.json");
    await runCli(["backup", "--out", file], { DATA_DIR: source });
    const other = await tempDir();
    await runCli(
      ["members", "add", "--name", "Ai Đó", "--unit", "thuc-phan", "--roles", "member"],
      {
        DATA_DIR: other,
      },
    );
    const before = await runCli(["members", "list", "--json"], { DATA_DIR: other });

    const run = await runCli(["restore", file], { DATA_DIR: other, DEFAULT_LOCALE: "en" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("already holds data");
    expect((await runCli(["members", "list", "--json"], { DATA_DIR: other })).stdout).toBe(
      before.stdout,
    );
  });

  it("refuses a file that is not a backup before writing anything", async () => {
    const notBackup = join(await tempDir(), "members.json");
    await writeFile(notBackup, JSON.stringify({ members: [] }));
    const target = await tempDir();
    const run = await runCli(["restore", notBackup], { DATA_DIR: target, DEFAULT_LOCALE: "en" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`${notBackup} is not a Chung Sức backup; nothing was restored.`);
    const files = await readdir(join(target, "db"), { recursive: true }).catch(() => []);
    expect(
      files.map(String).filter((f) => f.endsWith(".json") && !f.endsWith("meta.json")),
    ).toEqual([]);
  });

  it("keeps the newest BACKUP_KEEP rotated backups in $DATA_DIR/backups", async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: dir, BACKUP_KEEP: "2" };
    const written: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await runCli(["backup", "--json"], env);
      expect(run.code).toBe(0);
      written.push(jsonOf<{ file: string }>(run).file);
    }
    const names = await readdir(join(dir, "backups"));
    // Each kept backup has its files folder; the removed one's went with it.
    expect(names.filter((name) => name.endsWith(".files")).sort()).toEqual(
      written
        .slice(1)
        .map((file) => basename(file).replace(/\.json$/, ".files"))
        .sort(),
    );
    const kept = names
      .filter((name) => name.endsWith(".json"))
      .map((name) => join(dir, "backups", name))
      .sort();
    expect(kept).toHaveLength(2);
    expect(kept).toEqual(written.slice(1).sort());
    for (const file of kept)
      expect(file).toMatch(/chung-suc-\d{4}-\d{2}-\d{2}T\d{6}(-\d+)?\.json$/);
  });

  it("brings the files back with the data, and warns for a backup without them", async () => {
    const source = await populatedDataDir();
    const photo = join(source, "files", "reports", "hung-dao.nam-phong-2-2026-W48", "p1.jpg");
    await mkdir(join(photo, ".."), { recursive: true });
    await writeFile(photo, "photo bytes", { mode: 0o600 });
    const file = join(await tempDir(), "snapshot.json");
    const backup = await runCli(["backup", "--out", file, "--json"], { DATA_DIR: source });
    expect(jsonOf(backup)).toMatchObject({ files: 1, filesFolder: file.replace(/json$/, "files") });

    const target = join(await tempDir(), "restored");
    const restore = await runCli(["restore", file], { DATA_DIR: target, DEFAULT_LOCALE: "en" });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("Restored 1 file");
    expect(restore.stderr).toBe("");
    const restored = join(target, "files", "reports", "hung-dao.nam-phong-2-2026-W48", "p1.jpg");
    expect(await readFile(restored, "utf8")).toBe("photo bytes");
    expect((await stat(restored)).mode & 0o777).toBe(0o600);

    await rm(file.replace(/json$/, "files"), { recursive: true });
    const older = join(await tempDir(), "restored");
    const run = await runCli(["restore", file], { DATA_DIR: older, DEFAULT_LOCALE: "en" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Restored");
    expect(run.stderr).toContain("has no files folder");
  });

  it("keeps the files also when the running bot writes the snapshot", async () => {
    const dir = await tempDir();
    expect((await runCli(["units", "list"], { DATA_DIR: dir })).code).toBe(0);
    const photo = join(dir, "files", "reports", "r1", "p1.jpg");
    await mkdir(join(photo, ".."), { recursive: true });
    await writeFile(photo, "photo bytes", { mode: 0o600 });
    const owner = startNode(compiled("src/testing/store-writer.js"), [
      dir,
      "owner",
      "x",
      "0",
      "4000",
    ]);
    await owner.waitForLine((line) => line === "done");

    const run = await runCli(["backup", "--json"], { DATA_DIR: dir });
    expect(run.code).toBe(0);
    // Written while the bot held the folder: the snapshot went through it.
    expect(owner.child.exitCode).toBeNull();
    const { filesFolder } = jsonOf<{ filesFolder: string }>(run);
    expect(await readFile(join(filesFolder, "reports", "r1", "p1.jpg"), "utf8")).toBe(
      "photo bytes",
    );
    await owner.exited;
  });
});
