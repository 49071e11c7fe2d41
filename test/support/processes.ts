import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

/** The project root. */
export const ROOT = resolve(import.meta.dirname, "..", "..");

/** A fresh temporary folder, e.g. for a `$DATA_DIR`. */
export function tempDir(prefix = "chung-suc-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A compiled entry point under dist/ (`npm test` builds first). */
export function compiled(path: string): string {
  const file = join(ROOT, "dist", path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
  return file;
}

/** The bot as `npm start` runs it: tsc's output bundled into one file. */
export function deployedBot(): string {
  return compiled("bundle/main.js");
}

/** A child process whose stdout is read line by line. */
export interface RunningProcess {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  /** Resolves with the first line (already seen or future) that matches. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

/** Starts `node <script> ...args` with the given environment added. */
export function startNode(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  cwd = ROOT,
): RunningProcess {
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const listeners = new Set<(line: string) => void>();
  if (child.stdout) {
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      for (const listener of listeners) listener(line);
    });
  }
  if (child.stderr)
    createInterface({ input: child.stderr }).on("line", (line) => stderr.push(line));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return {
    child,
    lines,
    stderr,
    exited,
    waitForLine: (match, timeoutMs = 20_000) =>
      new Promise((done, fail) => {
        const seen = lines.find(match);
        if (seen !== undefined) return done(seen);
        const timer = setTimeout(() => {
          listeners.delete(listener);
          fail(new Error(`no matching line within ${timeoutMs} ms; stderr: ${stderr.join("\n")}`));
        }, timeoutMs);
        const listener = (line: string) => {
          if (!match(line)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          done(line);
        };
        listeners.add(listener);
      }),
  };
}
