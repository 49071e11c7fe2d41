import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../support/processes.js";

/** Runs npm in the project folder, so the project's own npm settings apply. */
async function npm(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn("npm", args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr };
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
    const lines = run.stdout.split("\n").filter((line) => line !== "");
    expect(lines).toHaveLength(1);
    const { units } = JSON.parse(lines[0] as string) as { units: Array<{ id: string }> };
    expect(units.map((unit) => unit.id)).toContain("hung-dao.nam-phong-2");
  });
});
