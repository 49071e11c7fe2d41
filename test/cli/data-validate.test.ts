import { describe, expect, it } from "vitest";
import type { Member } from "../../src/domain/member.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

function member(id: string, unitId: string, orgIds: string[] = []): Member {
  return {
    id,
    name: `Người ${id}`,
    unitId,
    orgIds,
    roles: [{ role: "hamlet_head", unitId, orgIds: [] }],
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [],
    source: "cli",
    createdAt: "2026-11-29T00:00:00.000Z",
  };
}

describe("data validate", () => {
  it("finds nothing wrong in a fresh data folder", async () => {
    const run = await runCli(["data", "validate"], {
      DATA_DIR: await tempDir(),
      DEFAULT_LOCALE: "en",
    });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe("The data is consistent.");
  });

  it("reports a member whose unit or organisation does not exist, and exits 1", async () => {
    const dir = await tempDir();
    await runCli(["units", "list"], { DATA_DIR: dir });
    // Written behind the CLI's back, as an old version or a hand edit might have.
    const store = await openLowStore(dir);
    await store.members.saveMany([
      member("m1", "hung-dao.nam-phong-2"),
      member("m2", "hung-dao.xom-ma", ["hoi-ma"]),
    ]);
    await store.close();

    const run = await runCli(["data", "validate", "--json"], {
      DATA_DIR: dir,
      DEFAULT_LOCALE: "en",
    });
    expect(run.code).toBe(1);
    expect(jsonOf(run)).toEqual({
      ok: false,
      problems: [
        'member m2: unit "hung-dao.xom-ma" does not exist',
        'member m2: organisation "hoi-ma" does not exist',
        'member m2: role hamlet_head names unit "hung-dao.xom-ma", which does not exist',
      ],
    });
    expect(run.stderr.trim()).toBe("3 problems found.");
  });
});
