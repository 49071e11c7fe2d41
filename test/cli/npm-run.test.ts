import { describe, expect, it } from "vitest";
import { jsonOf, runToEnd } from "../support/cli.js";
import { ROOT, tempDir } from "../support/processes.js";

/** Runs npm in the project folder, so the project's own npm settings apply. */
function npm(args: readonly string[], env: Record<string, string> = {}) {
  return runToEnd("npm", args, { cwd: ROOT, env: { ...process.env, ...env } });
}

describe("npm in the project folder", () => {
  it("shows npm's own errors, so a mistyped script is not a silent failure", async () => {
    const run = await npm(["run", "no-such-script"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("Missing script");
  });

  it("gives one clean JSON line with `npm run --silent cli -- … --json`, as the README says", async () => {
    const dir = await tempDir();
    const run = await npm(["run", "--silent", "cli", "--", "units", "list", "--json"], {
      DATA_DIR: dir,
      TELEGRAM_BOT_TOKEN: "",
      ZALO_BOT_TOKEN: "",
    });
    expect(run.code).toBe(0);
    const { units } = jsonOf<{ units: Array<{ id: string }> }>(run);
    expect(units.map((unit) => unit.id)).toContain("hung-dao.nam-phong-2");
  });
});
