import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { syncReferenceData } from "../../src/features/reference-sync.js";
import { defaultDataDir, loadReferenceData } from "../../src/reference/loader.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../support/processes.js";

async function copyOfData(): Promise<string> {
  const dir = join(await tempDir(), "data");
  await cp(defaultDataDir(), dir, { recursive: true });
  return dir;
}

async function editUnits(dir: string, edit: (units: Array<Record<string, unknown>>) => void) {
  const file = join(dir, "units.json");
  const json = JSON.parse(await readFile(file, "utf8"));
  edit(json.units);
  await writeFile(file, JSON.stringify(json));
}

describe("syncing the shipped reference data at start", () => {
  it("takes a data edit on the next start, and never deletes a unit history refers to", async () => {
    const dataDir = await tempDir();
    const source = await copyOfData();
    const first = await openLowStore(dataDir);
    await syncReferenceData(first, loadReferenceData(source));
    await first.members.save({
      id: "m1",
      name: "Hoàng Văn Thắng",
      unitId: "hung-dao.nam-phong-3",
      orgIds: [],
      roles: [{ role: "hamlet_head", unitId: "hung-dao.nam-phong-3", orgIds: [] }],
      locale: "vi",
      active: true,
      optedOut: false,
      identities: [],
      source: "cli",
      createdAt: "2026-11-01T00:00:00.000Z",
    });
    await first.units.saveMany([
      {
        id: "vinh-quang.ban-1",
        kind: "hamlet",
        name: "Xóm Bản 1",
        parent: "vinh-quang",
        source: "cli",
        active: true,
      },
    ]);
    await first.close();

    await editUnits(source, (units) => {
      const renamed = units.find((u) => u.id === "hung-dao.nam-phong-1");
      if (renamed) renamed.name = "Xóm Nam Phong Một";
      units.splice(
        units.findIndex((u) => u.id === "hung-dao.nam-phong-3"),
        1,
      );
    });
    const second = await openLowStore(dataDir);
    const report = await syncReferenceData(second, loadReferenceData(source));
    expect(report).toMatchObject({ updated: 1, deactivated: 1 });
    expect((await second.units.get("hung-dao.nam-phong-1"))?.name).toBe("Xóm Nam Phong Một");
    expect(await second.units.get("hung-dao.nam-phong-3")).toMatchObject({ active: false });
    expect((await second.members.get("m1"))?.unitId).toBe("hung-dao.nam-phong-3");
    expect(await second.units.get("vinh-quang.ban-1")).toMatchObject({
      source: "cli",
      active: true,
    });

    // A third start with the same data changes nothing.
    expect(await syncReferenceData(second, loadReferenceData(source))).toEqual({
      added: 0,
      updated: 0,
      deactivated: 0,
    });
  });
});
