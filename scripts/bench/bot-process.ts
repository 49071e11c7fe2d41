import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

/** The project root (this file runs from dist/scripts/bench/). */
export const ROOT = resolve(import.meta.dirname, "..", "..", "..");

/** A compiled entry point, run as its own process. */
export function compiled(path: string): string {
  return join(ROOT, "dist", path);
}

/** A process under measurement: the real bot (as `npm start` runs it) or the bare baseline bot. */
export interface BotProcess {
  child: ChildProcess;
  /** Resolves once the process printed `ready`, with ms since it was spawned. */
  ready: Promise<number>;
  /** Resolves once the bot printed `loaded` (all its data read), with ms since it was spawned. */
  loaded: Promise<number>;
  /** Resident memory now, in MB (10⁶ bytes, the targets' unit; from /proc). */
  rssMB(): number;
  /** The highest resident memory so far, in MB. */
  peakRssMB(): number;
  /** SIGTERM, then resolves with the exit code and how long the shutdown took. */
  stop(): Promise<{ code: number | null; ms: number }>;
  /** What it wrote to stderr, for errors. */
  stderr: string[];
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

// Bots still running when the harness ends (a failed run, Ctrl-C) are stopped with it.
const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => process.exit(130));
}

/**
 * The bot as `npm start` runs it: its script (the bundle) with the Node flags of package.json's
 * start script (its memory budget), so that what is measured is what is deployed.
 */
export function startProduct(env: Record<string, string>): BotProcess {
  const { script, flags } = startCommand();
  return startBotProcess(join(ROOT, script), env, flags);
}

/** `npm start`'s command, `node <flags…> <script>`, taken apart. */
function startCommand(): { script: string; flags: string[] } {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    scripts?: { start?: string };
  };
  const words = (manifest.scripts?.start ?? "").split(/\s+/);
  const script = words.at(-1) ?? "";
  if (words[0] !== "node" || !script.endsWith(".js")) {
    throw new Error(`package.json's start script is not "node [flags] <script>.js"`);
  }
  return { script, flags: words.slice(1, -1) };
}

/**
 * Spawns `node <script> [args]` with the environment given (on top of a quiet log level). With
 * `BENCH_CPU_PROF=<dir>` set, the process writes a V8 CPU profile there when it exits.
 */
export function startBotProcess(
  script: string,
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
  args: readonly string[] = [],
): BotProcess {
  const spawnedAt = performance.now();
  const profileDir = process.env.BENCH_CPU_PROF;
  const flags = [
    ...nodeFlags,
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${resolve(profileDir)}`] : []),
  ];
  const child = spawn(process.execPath, [...flags, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  child.on("exit", () => live.delete(child));
  const stderr: string[] = [];
  if (child.stderr) createInterface({ input: child.stderr }).on("line", (l) => stderr.push(l));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const lines = child.stdout ? createInterface({ input: child.stdout }) : undefined;
  /** Ms from the spawn to the line `wanted` on stdout. */
  const printed = (wanted: string) => {
    const seen = new Promise<number>((done, fail) => {
      if (!lines) return fail(new Error("no stdout"));
      lines.on("line", (line) => {
        if (line === wanted) done(performance.now() - spawnedAt);
      });
      void exited.then((code) =>
        fail(new Error(`${script} exited (${code}) before ${wanted}:\n${stderr.join("\n")}`)),
      );
    });
    // Keeps an unhandled rejection away when the caller never waits for it.
    seen.catch(() => undefined);
    return seen;
  };
  const ready = printed("ready");
  const loaded = printed("loaded");
  let peak = 0;
  const rss = () => {
    const value = procStatus(child.pid, "VmRSS");
    peak = Math.max(peak, value, procStatus(child.pid, "VmHWM"));
    return value;
  };
  return {
    child,
    ready,
    loaded,
    stderr,
    exited,
    rssMB: rss,
    peakRssMB: () => {
      rss();
      return peak;
    },
    async stop() {
      const started = performance.now();
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      return { code, ms: performance.now() - started };
    },
  };
}

/** A memory line of /proc/<pid>/status (given in KiB), in MB; 0 once the process is gone. */
function procStatus(pid: number | undefined, field: "VmRSS" | "VmHWM"): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? (Number(match[1]) * 1024) / 1e6 : 0;
  } catch {
    return 0;
  }
}

/** The environment every benchmark gives the bot: quiet jobs, no quiet hours, the data dir. */
export function botEnv(dataDir: string, extra: Record<string, string>): Record<string, string> {
  // Jobs that would message thousands of seeded people on their own are set to a moment
  // that does not come during a run, so only the load a benchmark makes is measured.
  const never = "0 3 1 1 *";
  return {
    DATA_DIR: dataDir,
    QUIET_HOURS: "off",
    BROADCAST_APPROVAL: "off",
    REMINDER_SCHEDULE: never,
    ESCALATION_SCHEDULE: never,
    SUMMARY_SCHEDULE: never,
    BACKUP_SCHEDULE: never,
    TELEGRAM_BOT_TOKEN: "",
    ZALO_BOT_TOKEN: "",
    ...extra,
  };
}
