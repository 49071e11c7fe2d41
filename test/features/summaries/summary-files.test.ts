import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { writeSummaryFiles } from "../../../src/features/summaries/summary-files.js";
import { tempDir } from "../../support/processes.js";
import { openWorld, seedHungDao } from "../status/status-harness.js";

describe("the demo's summary files", () => {
  it("prints the week's summary and writes its spreadsheet and chart under their usual names", async () => {
    const world = await openWorld("2026-11-30T06:00:00Z");
    await seedHungDao(world);
    const out = await tempDir();
    const written = await writeSummaryFiles(world.deps, "hung-dao", "2026-W48", out);
    expect(written.text).toContain("TỔNG HỢP TUẦN 23/11 – 29/11/2026 — Xã Hưng Đạo");
    expect(written.xlsx).toBe(`${out}/tong-hop-hung-dao-2026-W48.xlsx`);
    expect(written.png).toBe(`${out}/bieu-do-hung-dao-2026-W48.png`);
    expect((await readFile(written.xlsx)).subarray(0, 2).toString()).toBe("PK");
    expect((await readFile(written.png)).subarray(1, 4).toString()).toBe("PNG");
  });
});
