import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Organisation } from "../../src/domain/organisation.js";
import type { Unit } from "../../src/domain/unit.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

async function file(text: string): Promise<string> {
  const path = join(await tempDir(), "import.csv");
  await writeFile(path, text);
  return path;
}

async function units(env: Record<string, string>): Promise<Unit[]> {
  return jsonOf<{ units: Unit[] }>(await runCli(["units", "list", "--json"], env)).units;
}

describe("units import", () => {
  it("adds the hamlets of Vĩnh Quang, once, under their commune", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const csv = await file(
      "id,name,kind,parent\nvinh-quang.ban-a,Xóm Bản A,hamlet,vinh-quang\nvinh-quang.ban-b,Xóm Bản B,Hamlet,vinh-quang\n",
    );
    const run = await runCli(["units", "import", csv], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Added 2, updated 0, unchanged 0.");
    const hamlets = (await units(env)).filter((u) => u.parent === "vinh-quang");
    expect(hamlets).toEqual([
      {
        id: "vinh-quang.ban-a",
        kind: "hamlet",
        name: "Xóm Bản A",
        parent: "vinh-quang",
        source: "cli",
        active: true,
      },
      {
        id: "vinh-quang.ban-b",
        kind: "hamlet",
        name: "Xóm Bản B",
        parent: "vinh-quang",
        source: "cli",
        active: true,
      },
    ]);
    const again = await runCli(["units", "import", csv, "--json"], env);
    expect(jsonOf(again)).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect((await runCli(["data", "validate"], env)).code).toBe(0);
  });

  it("refuses the whole file over a shipped unit, a missing parent or a wrong kind", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const csv = await file(
      [
        "id,name,kind,parent",
        "chu-trinh.ban-c,Xóm Bản C,hamlet,chu-trinh",
        "hung-dao,Xã Hưng Đạo mới,commune,cao-bang",
        "chu-trinh.ban-d,Xóm Bản D,hamlet,chu-trinh.ban-x",
        "chu-trinh.ban-e,Xóm Bản E,village,chu-trinh",
        "chu-trinh.ban-f,Xóm Bản F,commune,chu-trinh",
      ].join("\n"),
    );
    const run = await runCli(["units", "import", csv, "--json"], env);
    expect(run.code).toBe(1);
    expect(jsonOf<{ problems: string[] }>(run).problems).toEqual([
      'row 3, column id: "hung-dao" is shipped reference data: change it in data/, not by import',
      'row 4, column parent: unknown parent unit "chu-trinh.ban-x" (it must exist or come on an earlier row)',
      'row 5, column kind: "village" is not a kind of unit: use city, commune, ward or hamlet',
      'row 6, column parent: a commune cannot be under "chu-trinh", a commune',
    ]);
    expect((await units(env)).some((u) => u.id.startsWith("chu-trinh."))).toBe(false);
  });
});

describe("units import of household counts", () => {
  it("gives hamlets, shipped or imported, their household count, kept across restarts", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const csv = await file(
      [
        "id,name,kind,parent,households",
        "hung-dao.da-quan,Xóm Đà Quận,hamlet,hung-dao,85",
        "vinh-quang.ban-a,Xóm Bản A,hamlet,vinh-quang,1.204",
      ].join("\n"),
    );
    expect((await runCli(["units", "import", csv], env)).code).toBe(0);
    // Each CLI run brings the shipped data in again: the imported count must survive it.
    const stored = await units(env);
    expect(stored.find((u) => u.id === "hung-dao.da-quan")).toMatchObject({
      name: "Xóm Đà Quận",
      source: "data",
      households: 85,
    });
    expect(stored.find((u) => u.id === "vinh-quang.ban-a")?.households).toBe(1204);
  });

  it("refuses a count that is not a whole number of households", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const csv = await file(
      "id,name,kind,parent,households\nhung-dao.da-quan,Xóm Đà Quận,hamlet,hung-dao,85 hộ\n",
    );
    const run = await runCli(["units", "import", csv, "--json"], env);
    expect(run.code).toBe(1);
    expect(jsonOf<{ error: string }>(run).error).toBe(
      'Nothing was imported: row 2, column households: "85 hộ" is not a number of households: write a whole number above zero, e.g. 85',
    );
    expect((await units(env)).find((u) => u.id === "hung-dao.da-quan")?.households).toBeUndefined();
  });
});

describe("orgs import", () => {
  it("adds a local organisation and refuses to overwrite a shipped one", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const ok = await file(
      "id,name,short,mass\nhoi-nguoi-cao-tuoi,Hội Người cao tuổi,NCT,yes\nban-dan-van,Ban Dân vận,,no\n",
    );
    expect((await runCli(["orgs", "import", ok], env)).code).toBe(0);
    const orgs = jsonOf<{ organisations: Organisation[] }>(
      await runCli(["orgs", "list", "--json"], env),
    ).organisations;
    expect(orgs.find((o) => o.id === "hoi-nguoi-cao-tuoi")).toEqual({
      id: "hoi-nguoi-cao-tuoi",
      name: "Hội Người cao tuổi",
      short: "NCT",
      massOrg: true,
      source: "cli",
      active: true,
    });
    expect(orgs.find((o) => o.id === "ban-dan-van")?.massOrg).toBe(false);

    const shipped = await file("id,name\nmttq,Mặt trận\n");
    const run = await runCli(["orgs", "import", shipped], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("row 2, column id");
  });
});
