import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compiled, startNode, tempDir } from "../support/processes.js";

// Only that the harness runs and writes what it promises: figures are never asserted here.
describe("npm run bench -- footprint --size tiny", () => {
  it("starts the real bot on a tiny province and writes its figures as well-formed JSON rows", async () => {
    const out = join(await tempDir(), "latest.json");
    const run = startNode(compiled("scripts/bench/run.js"), [
      "footprint",
      "--size",
      "tiny",
      "--out",
      out,
    ]);
    expect(await run.exited, run.stderr.join("\n")).toBe(0);
    const rows = JSON.parse(await readFile(out, "utf8")) as Record<string, unknown>[];
    expect(rows.map((row) => row.name)).toEqual([
      expect.stringContaining("start to first answer"),
      expect.stringContaining("start to ready"),
      expect.stringContaining("RSS idle"),
      expect.stringContaining("SIGTERM to exit"),
      expect.stringContaining("written on SIGTERM"),
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({
        name: expect.any(String),
        value: expect.any(Number),
        unit: expect.any(String),
        target: expect.any(String),
      });
      expect([true, false, null]).toContain(row.met);
      expect(row.value as number).toBeGreaterThanOrEqual(0);
    }
    expect(rows.find((row) => row.unit === "MiB")?.target).toBe("≤ 300");
  }, 240_000);

  it("refuses an unknown benchmark by name, listing the ones there are", async () => {
    const run = startNode(compiled("scripts/bench/run.js"), ["speed"]);
    expect(await run.exited).toBe(2);
    expect(run.stderr.join("\n")).toContain("broadcast|inbound|status|footprint");
  }, 120_000);
});
