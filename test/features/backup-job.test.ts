import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { backupJob } from "../../src/features/backup-job.js";
import { JobRunner } from "../../src/jobs/job-runner.js";
import { silentLogger } from "../../src/logger.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../support/processes.js";

describe("the daily backup", () => {
  it("writes one snapshot a day, readable only by the owner, keeping the newest BACKUP_KEEP", async () => {
    const dataDir = await tempDir();
    const config = parseConfig({ DATA_DIR: dataDir, BACKUP_KEEP: "3" });
    const store = await openLowStore(dataDir);
    const clock = { now: new Date("2026-11-20T19:30:00Z") }; // 02:30 in Hanoi
    const deps = { store, config, logger: silentLogger(), now: () => clock.now };
    for (let day = 0; day < 5; day++) {
      clock.now = new Date(Date.parse("2026-11-20T19:30:00Z") + day * 86_400_000);
      await new JobRunner([backupJob(deps)], { ...deps, timeZone: config.timeZone }).catchUp();
      await new JobRunner([backupJob(deps)], { ...deps, timeZone: config.timeZone }).catchUp();
    }
    const all = (await readdir(join(dataDir, "backups"))).sort();
    // Each snapshot has its files folder next to it, rotated with it.
    expect(all.filter((name) => name.endsWith(".files"))).toHaveLength(3);
    const files = all.filter((name) => name.endsWith(".json"));
    expect(files).toEqual([
      "chung-suc-2026-11-23T023000.json",
      "chung-suc-2026-11-24T023000.json",
      "chung-suc-2026-11-25T023000.json",
    ]);
    const mode = (await stat(join(dataDir, "backups", files[0] ?? ""))).mode & 0o777;
    expect(mode).toBe(0o600);
  });
});
