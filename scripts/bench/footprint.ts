import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startTelegramEmulator } from "../../src/testing/telegram/index.js";
import { botEnv, compiled, startBotProcess, startProduct } from "./bot-process.js";
import { ChatTimer } from "./chat-timer.js";
import type { BenchContext } from "./context.js";
import { type Figure, figure } from "./figures.js";
import { STAFF } from "./province.js";

/**
 * The bot started on the province with a year of finished sends in its outbox: an official's
 * `/help` is waiting before the process is spawned, and the time to its answer is the time to
 * first answer. Then resident memory once idle, and what SIGTERM writes: only files whose
 * content changed (the answer's marks), never one rewritten as it was.
 */
export async function footprintBenchmark(context: BenchContext): Promise<Figure[]> {
  const dir = await context.provinceWithOutbox();
  const firstAnswer: number[] = [];
  const ready: number[] = [];
  const idleRss: number[] = [];
  const shutdownMs: number[] = [];
  const rewritten: number[] = [];
  const changed: number[] = [];
  // One emulator for every start, as Telegram is one: update ids keep rising across restarts,
  // and the bot skips an update id it has already handled.
  const emulator = await startTelegramEmulator({ rateLimits: false, unknownChats: "create" });
  const timer = new ChatTimer(emulator);
  const official = emulator.user({ id: STAFF.provinceOfficial.chat, firstName: "Tỉnh" });
  try {
    for (let run = 0; run < context.workload.starts; run++) {
      const answered = timer.next(String(official.id), "message", 300_000);
      official.command("/help");
      const spawned = performance.now();
      const bot = startProduct(
        botEnv(dir, { TELEGRAM_BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot }),
      );
      try {
        ready.push(await bot.ready);
        firstAnswer.push((await answered) - spawned);
        await settled(bot.rssMB);
        idleRss.push(bot.rssMB());
        const before = await filesIn(dir);
        const stopped = await bot.stop();
        shutdownMs.push(stopped.ms);
        const written = await writtenSince(dir, before);
        rewritten.push(written.unchanged / 1024 / 1024);
        changed.push(written.changed / 1024);
      } finally {
        await bot.stop();
      }
    }
  } finally {
    timer.close();
    await emulator.close();
  }
  const { province, workload } = context;
  const label = `footprint, ${province.size.members} members, ${province.size.weeks * province.hamletIds.length} reports, ${workload.finishedOutbox} outbox rows`;
  return [
    figure(`${label}: start to first answer`, "ms", firstAnswer, { atMost: 1000 }),
    figure(`${label}: start to ready`, "ms", ready),
    figure(`${label}: RSS idle`, "MB", idleRss, { atMost: 300 }),
    figure(`${label}: SIGTERM to exit`, "ms", shutdownMs),
    figure(`${label}: rewritten on SIGTERM with nothing changed`, "MiB", rewritten, {
      atMost: 0,
    }),
    figure(`${label}: written on SIGTERM, changed (the answer's marks)`, "KiB", changed),
    ...(await importFigures(context)),
  ];
}

/**
 * `members import` of as many new people as the province has (no id column: each is given
 * one), by the CLI as an operator runs it, into a copy of the province: how long it takes and
 * its resident memory at peak (read from `/proc` every 50 ms while it runs).
 */
async function importFigures(context: BenchContext): Promise<Figure[]> {
  const { province } = context;
  const rows = province.size.members;
  const dir = await context.provinceCopy();
  const csv = join(dir, "..", `import-${rows}.csv`);
  const lines = ["name,unit,phone,orgs"];
  for (let i = 0; i < rows; i++) {
    const hamlet = province.hamletIds[i % province.hamletIds.length] as string;
    lines.push(`Người Mới ${i},${hamlet},09${String(i).padStart(8, "0")},hoi-nong-dan`);
  }
  await writeFile(csv, `${lines.join("\n")}\n`);
  const cli = startBotProcess(
    compiled("src/cli/main.js"),
    botEnv(dir, {}),
    [],
    ["members", "import", csv],
  );
  const started = performance.now();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, cli.peakRssMB());
  }, 50);
  const code = await cli.exited.finally(() => clearInterval(sampler));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`members import exited ${code}:\n${cli.stderr.join("\n")}`);
  const name = `members import, ${rows} new rows without ids`;
  return [figure(`${name}: time`, "s", [seconds]), figure(`${name}: RSS at peak`, "MB", [peak])];
}

/**
 * Waits until resident memory stops moving (two readings 500 ms apart within 1 MB), at most
 * 15 s: the idle figure is read once start-up work has settled, not during it.
 */
async function settled(rss: () => number): Promise<void> {
  const deadline = performance.now() + 15_000;
  let last = rss();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = rss();
    if (Math.abs(now - last) < 1) return;
    last = now;
  }
}

/** A file as it was: when last modified, and a digest of its content. */
interface FileState {
  mtimeMs: number;
  digest: string;
}

/** The paths of every file under the data folder. */
async function pathsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Every file under the data folder, as it is now. */
async function filesIn(dir: string): Promise<Map<string, FileState>> {
  const files = new Map<string, FileState>();
  for (const path of await pathsUnder(dir)) {
    files.set(path, { mtimeMs: (await stat(path)).mtimeMs, digest: await digestOf(path) });
  }
  return files;
}

async function digestOf(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}

/** Bytes of the files written since `before`: rewritten with the same content, or changed. */
async function writtenSince(
  dir: string,
  before: Map<string, FileState>,
): Promise<{ unchanged: number; changed: number }> {
  const written = { unchanged: 0, changed: 0 };
  for (const path of await pathsUnder(dir)) {
    const { mtimeMs, size } = await stat(path);
    const was = before.get(path);
    if (was?.mtimeMs === mtimeMs) continue;
    if (was && was.digest === (await digestOf(path))) written.unchanged += size;
    else written.changed += size;
  }
  return written;
}
