import { spawn } from "node:child_process";
import { compiled, tempDir } from "./processes.js";

/** What a finished CLI run printed and how it exited. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout split into lines, without the trailing empty one. */
  lines: string[];
}

// Variables of the developer's own environment that would change what the CLI does.
const OWN_SETTINGS =
  /^(TELEGRAM_|ZALO_|DATA_DIR$|DATABASE_URL$|DEFAULT_LOCALE$|LOG_LEVEL$|BACKUP_|PUBLIC_URL$)/;

/**
 * Runs the compiled CLI (`node dist/src/cli/main.js ...args`) to the end, with no bot
 * tokens and only the given settings, from an empty working directory (so no `.env` applies).
 */
export async function runCli(
  args: readonly string[],
  env: Record<string, string>,
): Promise<CliRun> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !OWN_SETTINGS.test(key)),
  );
  return runToEnd(process.execPath, [compiled("src/cli/main.js"), ...args], {
    cwd: await tempDir("chung-suc-cwd-"),
    env: { ...base, ...env },
  });
}

/** Runs a command to the end and collects what it printed. */
export async function runToEnd(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CliRun> {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr, lines: stdout.split("\n").filter((line) => line !== "") };
}

/** The one JSON value a `--json` run printed; fails when stdout is not exactly one line. */
export function jsonOf<T = Record<string, unknown>>(run: CliRun): T {
  if (run.lines.length !== 1) {
    throw new Error(
      `expected one JSON line, got ${run.lines.length}:\n${run.stdout}\n${run.stderr}`,
    );
  }
  return JSON.parse(run.lines[0] as string) as T;
}
