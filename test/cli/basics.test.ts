import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

describe("the admin CLI", () => {
  it("lists the units of an empty data folder, with no bot token, initialising the folder", async () => {
    const dir = await tempDir();
    const run = await runCli(["units", "list"], { DATA_DIR: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("hung-dao.nam-phong-2");
    expect(run.stdout).toContain("Xóm Nam Phong 2");
    expect(await readdir(join(dir, "db"))).toContain("units");
  });

  it("prints exactly one JSON line with --json, logs kept off stdout", async () => {
    const dir = await tempDir();
    const run = await runCli(["units", "list", "--json"], { DATA_DIR: dir, LOG_LEVEL: "debug" });
    expect(run.code).toBe(0);
    const { units } = jsonOf<{ units: Array<{ id: string; kind: string }> }>(run);
    expect(units.map((u) => u.id)).toContain("vinh-quang");
    expect(units[0]).toMatchObject({ id: "tinh-cao-bang", kind: "province" });
  });

  it("speaks Vietnamese by default and English with DEFAULT_LOCALE=en", async () => {
    const dir = await tempDir();
    const vi = await runCli(["orgs", "list"], { DATA_DIR: dir });
    const en = await runCli(["orgs", "list"], { DATA_DIR: dir, DEFAULT_LOCALE: "en" });
    expect(vi.stdout).toContain("tổ chức.");
    expect(en.stdout).toContain("organisations.");
  });

  it("shows help for the whole CLI and for each command, exit 0, without touching the data", async () => {
    const dir = join(await tempDir(), "never-created");
    const top = await runCli(["--help"], { DATA_DIR: dir });
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("members import");
    expect(top.stdout).toContain("invite create");
    for (const command of [
      ["members", "import"],
      ["invite", "create"],
      ["backup"],
      ["restore"],
      ["roles", "grant"],
      ["data", "validate"],
    ]) {
      const run = await runCli([...command, "--help"], { DATA_DIR: dir, DEFAULT_LOCALE: "en" });
      expect(run.code, command.join(" ")).toBe(0);
      expect(run.stdout).toContain(`Usage: npm run cli -- ${command.join(" ")}`);
      expect(run.stdout).toContain("--json");
    }
    const importHelp = await runCli(["members", "import", "-h"], { DATA_DIR: dir });
    expect(importHelp.stdout).toContain("id,name,phone,unit,roles,orgs,lang");
    await expect(readdir(dir)).rejects.toThrow();
  });

  it("exits 2 with a one-line reason on a command line that does not fit", async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: dir, DEFAULT_LOCALE: "en" };
    const unknown = await runCli(["frobnicate"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');

    const missing = await runCli(["members", "import"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Missing <csv>");

    const option = await runCli(["units", "list", "--colour"], env);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option --colour");

    const required = await runCli(["members", "add", "--name", "A"], env);
    expect(required.code).toBe(2);
    expect(required.stderr).toContain("Missing --unit");
  });

  it("with --json, reports a failure as one JSON line too", async () => {
    const dir = await tempDir();
    const run = await runCli(["members", "deactivate", "m404", "--json"], {
      DATA_DIR: dir,
      DEFAULT_LOCALE: "en",
    });
    expect(run.code).toBe(1);
    expect(jsonOf(run)).toEqual({ error: 'Unknown member "m404" (see members list).' });
    expect(run.stderr.trim()).toBe('Unknown member "m404" (see members list).');
  });

  it("names the wrong setting when the configuration is invalid", async () => {
    const dir = await tempDir();
    const run = await runCli(["units", "list"], {
      DATA_DIR: dir,
      DEFAULT_LOCALE: "en",
      BACKUP_KEEP: "zero",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("BACKUP_KEEP");
  });
});
