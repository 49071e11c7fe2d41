import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Member } from "../../src/domain/member.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

const HEADER = "id,name,phone,unit,roles,orgs,lang";
const GOOD_ROWS = [
  ",Hoàng Văn Thắng,0912 345 678,hung-dao.nam-phong-2,hamlet_head,,",
  ",Nông Thị Lan,,hung-dao.nam-phong-2,member,hoi-phu-nu,vi",
  ",Lý Văn Hùng,+84 987 654 321,hung-dao.da-quan,broadcaster;member,hoi-nong-dan,en",
];

async function csvFile(lines: string[], bom = false): Promise<string> {
  const file = join(await tempDir(), "members.csv");
  await writeFile(file, `${bom ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`);
  return file;
}

async function members(env: Record<string, string>): Promise<Member[]> {
  return jsonOf<{ members: Member[] }>(await runCli(["members", "list", "--json"], env)).members;
}

describe("members import", () => {
  it("adds every row of a spreadsheet export (BOM, CRLF), with normalised phones", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const file = await csvFile([HEADER, ...GOOD_ROWS], true);
    const run = await runCli(["members", "import", file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Added 3, updated 0, unchanged 0.");
    const stored = await members(env);
    expect(stored.map((m) => [m.name, m.phone, m.unitId, m.locale])).toEqual([
      ["Hoàng Văn Thắng", "0912345678", "hung-dao.nam-phong-2", "en"],
      ["Nông Thị Lan", undefined, "hung-dao.nam-phong-2", "vi"],
      ["Lý Văn Hùng", "0987654321", "hung-dao.da-quan", "en"],
    ]);
    const hung = stored[2];
    expect(hung?.roles).toEqual([
      { role: "broadcaster", unitId: "hung-dao.da-quan", orgIds: ["hoi-nong-dan"] },
      { role: "member", unitId: "hung-dao.da-quan", orgIds: [] },
    ]);
    expect(hung?.orgIds).toEqual(["hoi-nong-dan"]);
  });

  it("takes how each person is addressed from a salutation column, headed in English or Vietnamese", async () => {
    const env = { DATA_DIR: await tempDir() };
    const english = await csvFile([
      "name,unit,salutation",
      "Hoàng Văn Thắng,hung-dao.nam-phong-2,anh",
      "Nông Thị Lan,hung-dao.nam-phong-2,",
    ]);
    expect((await runCli(["members", "import", english], env)).code).toBe(0);
    const vietnamese = await csvFile(["name,unit,Xưng hô", "Lương Văn Tình,hung-dao.da-quan,Bác"]);
    expect((await runCli(["members", "import", vietnamese], env)).code).toBe(0);
    expect((await members(env)).map((m) => [m.name, m.salutation])).toEqual([
      ["Hoàng Văn Thắng", "anh"],
      ["Nông Thị Lan", undefined],
      ["Lương Văn Tình", "bác"],
    ]);

    const wrong = await csvFile(["name,unit,salutation", "Lò Văn Pá,hung-dao.da-quan,cụ ông"]);
    const refused = await runCli(["members", "import", wrong], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      '"cụ ông" không phải là cách xưng hô: hãy dùng anh, chị, ông, bà, bác hoặc em',
    );
  });

  it("imports nothing when one row is bad, naming the row and the column", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const file = await csvFile([
      HEADER,
      GOOD_ROWS[0] ?? "",
      GOOD_ROWS[1] ?? "",
      ",Ma Văn Tú,,xyz,member,,",
    ]);
    const run = await runCli(["members", "import", file], env);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      'Nothing was imported: row 4, column unit: unknown unit "xyz" (see units list)',
    );
    expect(await members(env)).toEqual([]);
  });

  it("lists every problem when several rows are bad, still importing nothing", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const file = await csvFile([
      HEADER,
      ",,,hung-dao.da-quan,member,,",
      ",Ma Văn Tú,12,hung-dao.da-quan,chief,nope,fr",
      GOOD_ROWS[0] ?? "",
      ",Hoàng  Văn Thắng,,hung-dao.nam-phong-2,,,",
    ]);
    const run = await runCli(["members", "import", file, "--json"], env);
    expect(run.code).toBe(1);
    const { problems } = jsonOf<{ problems: string[] }>(run);
    expect(problems).toEqual([
      "row 2, column name: must not be empty",
      'row 3, column phone: "12" is not a phone number, e.g. 0912 345 678',
      'row 3, column roles: unknown role "chief": use member, hamlet_head, broadcaster, approver, official or admin',
      'row 3, column orgs: unknown organisation "nope" (see orgs list)',
      'row 3, column lang: "fr" is not a language: use vi or en',
      "row 5: the same person as on row 4",
    ]);
    expect(await members(env)).toEqual([]);
  });

  it("names a missing or unknown column on row 1", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const file = await csvFile(["name,phone,roles,hamlet", "A,,member,x"]);
    const run = await runCli(["members", "import", file, "--json"], env);
    expect(run.code).toBe(1);
    expect(jsonOf<{ problems: string[] }>(run).problems).toEqual([
      "row 1, column hamlet: unknown column; the columns are: name, unit, id, phone, roles, orgs, lang, salutation",
      "row 1, column unit: this column is missing",
    ]);
  });

  it("adds nobody when the same file is imported again, matching by id, phone, or name and unit", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const file = await csvFile([HEADER, ...GOOD_ROWS]);
    expect((await runCli(["members", "import", file], env)).code).toBe(0);
    const first = await members(env);

    const again = await runCli(["members", "import", file, "--json"], env);
    expect(again.code).toBe(0);
    expect(jsonOf(again)).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    expect(await members(env)).toEqual(first);

    // The admin's next version of the sheet: ids filled in for some, a phone added, a new row.
    const [thang, lan] = first;
    const edited = await csvFile([
      HEADER,
      `${thang?.id},Hoàng Văn Thắng,0912345678,hung-dao.nam-phong-2,hamlet_head,,`,
      ",nông thị  lan,0900 111 222,hung-dao.nam-phong-2,,,",
      ",Lý Văn Hùng,0987.654.321,hung-dao.da-quan,,,",
      ",Đàm Thị Mai,,hung-dao.da-quan,member,,",
    ]);
    const update = await runCli(["members", "import", edited, "--json"], env);
    expect(jsonOf(update)).toMatchObject({ added: 1, updated: 1, unchanged: 2 });
    const after = await members(env);
    expect(after).toHaveLength(4);
    expect(after.find((m) => m.id === lan?.id)?.phone).toBe("0900111222");
  });

  it("shows what would change with --dry-run and writes nothing", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const file = await csvFile([HEADER, ...GOOD_ROWS]);
    const dry = await runCli(["members", "import", file, "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("row 2: would add Hoàng Văn Thắng");
    expect(dry.stdout).toContain(
      "Would add 3, update 0, leave 0 unchanged. Nothing was written (--dry-run).",
    );
    expect(await members(env)).toEqual([]);
    // Nor did it use up member ids.
    await runCli(["members", "import", file], env);
    expect((await members(env)).map((m) => m.id)).toEqual(["m000001", "m000002", "m000003"]);
  });

  it("adds a sheet longer than one write in full, each new person numbered in the sheet's order", async () => {
    const scratch = await tempDir();
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en", TMPDIR: scratch };
    const rows = Array.from(
      { length: 4_500 },
      (_, i) => `,Người Thứ ${i + 1},09${String(i).padStart(8, "0")},hung-dao.da-quan,,,`,
    );
    const run = await runCli(["members", "import", await csvFile([HEADER, ...rows])], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Added 4500, updated 0, unchanged 0.");
    expect(run.stdout).toContain("row 4501: added m004500 (Người Thứ 4500)");
    const stored = await members(env);
    expect(stored).toHaveLength(4_500);
    expect(stored.at(-1)).toMatchObject({ id: "m004500", name: "Người Thứ 4500" });
    expect(new Set(stored.map((m) => m.id)).size).toBe(4_500);
    // What waited on disk between checking and writing (names, phones) is gone.
    expect(await readdir(scratch)).toEqual([]);
  });

  it("refuses a sheet whose quotes never close, naming the row, and adds nobody from the rows before", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const file = await csvFile([HEADER, ...GOOD_ROWS, ',"Lò Thị Mai,,hung-dao.da-quan,,,']);
    const run = await runCli(["members", "import", file], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/row \d+: the CSV cannot be read here \(CSV_QUOTE_NOT_CLOSED\)/);
    expect(await members(env)).toEqual([]);
  });

  it("says a folder given as the sheet cannot be read", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const folder = await tempDir();
    const run = await runCli(["members", "import", folder], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Cannot read the file ${folder} (EISDIR).`);
  });

  it("adds one member with members add, and refuses to add the same person twice", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const args = ["members", "add", "--name", "Nông Văn Bảo", "--unit", "hung-dao.dong-chup"];
    const added = await runCli(
      [...args, "--roles", "hamlet_head", "--phone", "0912000111", "--json"],
      env,
    );
    expect(added.code).toBe(0);
    expect(jsonOf<{ member: Member }>(added).member).toMatchObject({
      id: "m000001",
      roles: [{ role: "hamlet_head", unitId: "hung-dao.dong-chup", orgIds: [] }],
      source: "cli",
      active: true,
    });
    const twice = await runCli([...args, "--roles", "member"], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("already member m000001");
    const bad = await runCli(
      ["members", "add", "--name", "X", "--unit", "nowhere", "--roles", "member"],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('--unit: unknown unit "nowhere" (see units list)');
  });
});
