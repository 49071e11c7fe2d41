/**
 * `npm run demo`: the real bot against local emulators, on a temporary data folder, playing a
 * scripted week. Prints the chats as people saw them. Talks to nothing but 127.0.0.1.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { type RunningApp, startApp } from "../src/app.js";
import { parseConfig } from "../src/config.js";
import { writeSummaryFiles } from "../src/features/summaries/summary-files.js";
import { createLogger } from "../src/logger.js";
import { startTelegramEmulator } from "../src/testing/telegram/index.js";
import { startZaloEmulator } from "../src/testing/zalo/index.js";
import type { RunCli } from "./demo/admin.js";
import { broadcastScenes } from "./demo/broadcast-scene.js";
import { storyScenes } from "./demo/story-scene.js";
import { DemoPerson } from "./demo/transcript.js";
import { playWeekScenes } from "./demo/week-scenes.js";
import { playZaloScenes } from "./demo/zalo-scenes.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..", "..");
const print = (line = "") => process.stdout.write(`${line}\n`);
const scene = (title: string) => {
  print();
  print(`=== ${title} ===`);
};

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "chung-suc-demo-"));
  const telegram = await startTelegramEmulator({
    rateLimits: false,
    bot: { username: "chungsuc_caobang_bot", firstName: "Chung Sức" },
  });
  const zalo = await startZaloEmulator();
  const env = {
    ZALO_BOT_TOKEN: zalo.token,
    ZALO_API_ROOT: zalo.apiRoot,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DATA_DIR: dataDir,
    QUIET_HOURS: "off",
    LOG_LEVEL: "silent",
  };
  const config = parseConfig(env);
  // The demo's week is fixed, so the transcript reads the same whatever day it runs:
  // it starts on Wednesday 2/12/2026 at 09:00 in Hanoi, and time runs on from there.
  const clock = demoClock(new Date("2026-12-02T02:00:00Z"));
  const launch = () => startApp(config, { logger: createLogger("silent"), now: clock.now });
  let app: RunningApp | undefined;
  try {
    app = await launch();
    const cli: RunCli = async (...args) => {
      const { stdout } = await run(
        process.execPath,
        [join(ROOT, "dist/src/cli/main.js"), ...args],
        {
          cwd: ROOT,
          env: { ...process.env, ...env },
        },
      );
      return stdout;
    };
    print(
      "Chung Sức: bản chạy thử với Telegram và Zalo giả lập trên máy này (không kết nối mạng).",
    );

    const { hoa, minh } = await playWeekScenes({
      telegram,
      cli,
      print,
      scene,
      app: () => running(app),
      restart: async () => {
        await running(app).stop();
        app = await launch();
      },
      jumpTo: clock.jumpTo,
    });
    app = running(app);
    const { broadcaster, approver } = await broadcastScenes({
      app,
      telegram,
      cli,
      print,
      scene,
      reader: hoa,
    });
    await storyScenes({ app, telegram, cli, print, scene, broadcaster, approver });
    await playZaloScenes({ zalo, telegram, cli, print, scene });

    scene("Một người lạ nhắn tin");
    const stranger = new DemoPerson("Người lạ", telegram.user({ firstName: "Khách" }), print);
    await stranger.says("Chào bot");
    await stranger.says("/join ABC123");

    scene("Thứ Hai 12:30: tuần đã khóa sổ, bản tổng hợp gửi tới cán bộ");
    clock.jumpTo(new Date("2026-12-07T05:30:00Z"));
    print("  (đồng hồ: thứ Hai 07/12/2026, 12:30 — chạy lịch tổng hợp tuần)");
    await app.jobs.catchUp();
    await minh.reads();
    await minh.says("/status");
    const outDir = resolve("out");
    const files = await writeSummaryFiles(app.deps, "thuc-phan", "2026-W49", outDir);
    print();
    print(files.text);
    print();
    print(`  Bảng tính: ${relative(process.cwd(), files.xlsx)}`);
    print(`  Biểu đồ:   ${relative(process.cwd(), files.png)}`);
  } finally {
    await app?.stop();
    await telegram.close();
    await zalo.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  print();
  print("Hết phần chạy thử.");
}

/** The bot, which the demo has started by now. */
function running(app: RunningApp | undefined): RunningApp {
  if (!app) throw new Error("the bot is not running");
  return app;
}

/** A clock that starts at a chosen instant and runs at real speed; `jumpTo` moves it. */
function demoClock(start: Date) {
  let offset = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    jumpTo: (instant: Date) => {
      offset = instant.getTime() - Date.now();
    },
  };
}

await main();
