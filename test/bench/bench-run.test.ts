import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postgresSkipReason } from "../support/postgres.js";
import { compiled, startNode, tempDir } from "../support/processes.js";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping the benchmarks on PostgreSQL: ${skipReason}`);

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
      expect.stringContaining("rewritten on SIGTERM with nothing changed"),
      expect.stringContaining("written on SIGTERM, changed"),
      expect.stringContaining("members import"),
      expect.stringContaining("members import"),
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
    expect(rows.find((row) => row.unit === "MB")?.target).toBe("≤ 300");
    // Stopping a bot that answered one message rewrites no file as it was.
    expect(rows.find((row) => String(row.name).includes("rewritten"))).toMatchObject({
      value: 0,
      met: true,
    });
  }, 240_000);

  it("refuses an unknown benchmark by name, listing the ones there are", async () => {
    const run = startNode(compiled("scripts/bench/run.js"), ["speed"]);
    expect(await run.exited).toBe(2);
    expect(run.stderr.join("\n")).toContain("broadcast|inbound|status|footprint");
  }, 120_000);
});

describe.skipIf(skipReason !== undefined)("npm run bench -- inbound --store postgres", () => {
  it("runs the inbound benchmark on two instances behind the proxy and says so in each row", async () => {
    const out = join(await tempDir(), "latest.json");
    const run = startNode(compiled("scripts/bench/run.js"), [
      "inbound",
      "--size",
      "tiny",
      "--store",
      "postgres",
      "--instances",
      "2",
      "--out",
      out,
    ]);
    expect(await run.exited, run.stderr.join("\n")).toBe(0);
    expect(run.lines.join("\n")).toContain("moved the province into PostgreSQL");
    const rows = JSON.parse(await readFile(out, "utf8")) as { name: string; value: number }[];
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.name).toMatch(/ \[PostgreSQL, 2 instances\]$/);
    const unanswered = rows.find((row) => row.name.includes("updates without an answer"));
    expect(unanswered?.value).toBe(0);
  }, 240_000);

  it("refuses the benchmarks that measure the JSON files on PostgreSQL", async () => {
    const run = startNode(compiled("scripts/bench/run.js"), ["status", "--store", "postgres"]);
    expect(await run.exited).toBe(2);
    expect(run.stderr.join("\n")).toContain("--store postgres [--instances N]");
  }, 120_000);
});
