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
import { broadcastScenes } from "./demo/broadcast-scene.js";
import { storyScenes } from "./demo/story-scene.js";
import { DemoPerson } from "./demo/transcript.js";
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
  // it starts on Wednesday 25/11/2026 at 09:00 in Hanoi, and time runs on from there.
  const clock = demoClock(new Date("2026-11-25T02:00:00Z"));
  const launch = () => startApp(config, { logger: createLogger("silent"), now: clock.now });
  let app: RunningApp | undefined;
  try {
    app = await launch();
    const cli = async (...args: string[]) => {
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

    scene("Quản trị viên tạo mã mời bằng dòng lệnh, trong khi bot đang chạy");
    const headInvite = JSON.parse(
      await cli(
        "invite",
        "create",
        "--role",
        "hamlet_head",
        "--unit",
        "hung-dao.nam-phong-2",
        "--name",
        "Hoàng Văn Thắng",
        "--json",
      ),
    ) as { code: string; telegramLink: string };
    print(
      `  $ npm run cli -- invite create --role hamlet_head --unit hung-dao.nam-phong-2 --name "Hoàng Văn Thắng"`,
    );
    print(`  → mã ${headInvite.code}, liên kết ${headInvite.telegramLink}`);
    const memberInvite = JSON.parse(
      await cli(
        "invite",
        "create",
        "--role",
        "member",
        "--unit",
        "hung-dao.nam-phong-2",
        "--org",
        "hoi-phu-nu",
        "--name",
        "Nông Thị Hoa",
        "--json",
      ),
    ) as { code: string };
    print(
      `  $ npm run cli -- invite create --role member --unit hung-dao.nam-phong-2 --org hoi-phu-nu --name "Nông Thị Hoa"`,
    );
    print(`  → mã ${memberInvite.code}`);

    scene("Trưởng xóm bấm liên kết trên thẻ mời");
    const thang = new DemoPerson(
      "Thắng",
      telegram.user({ firstName: "Thắng", languageCode: "vi" }),
      print,
    );
    await thang.says(`/start ${headInvite.code}`);

    scene("Hội viên Phụ nữ tham gia bằng mã, rồi chuyển sang tiếng Anh");
    const hoa = new DemoPerson(
      "Hoa",
      telegram.user({ firstName: "Hoa", languageCode: "vi" }),
      print,
    );
    await hoa.says(`/join ${memberInvite.code}`);
    await hoa.says("/lang");
    await hoa.presses("English");
    await hoa.says("/help");

    scene("Trưởng xóm báo cáo tuần, gõ số theo thói quen");
    await thang.presses("Báo cáo tuần này");
    await thang.presses("Đường giao thông");
    await thang.presses("Đóng góp của nhân dân và xã hội hóa");
    await thang.presses("Xong ✓");
    for (const typed of ["1,2 km", "ko", "2 triệu", "bỏ qua", "1.500", "khoảng 300 m2"]) {
      await thang.says(typed);
    }
    await thang.presses("Xem lại và gửi →");
    await thang.presses("Gửi báo cáo");

    scene("Trưởng xóm khác báo cáo dở thì bot khởi động lại; anh ấy làm tiếp đúng chỗ");
    const secondHead = JSON.parse(
      await cli(
        "invite",
        "create",
        "--role",
        "hamlet_head",
        "--unit",
        "hung-dao.da-quan",
        "--name",
        "Lương Văn Cường",
        "--json",
      ),
    ) as { code: string };
    const cuong = new DemoPerson("Cường", telegram.user({ firstName: "Cường" }), print);
    await cuong.says(`/start ${secondHead.code}`);
    await cuong.says("/report");
    await cuong.presses("Môi trường, cảnh quan");
    await cuong.presses("Xong ✓");
    await cuong.says("nhiều lắm");
    await cuong.says("120 cây");
    print("  (bot khởi động lại)");
    await app.stop();
    app = await launch();
    await cuong.says("2");
    await cuong.presses("Xem lại và gửi →");
    await cuong.presses("Gửi báo cáo");

    scene("Trưởng xóm Nam Phong 2 gửi lại báo cáo tuần: bản mới thay bản cũ");
    await thang.says("/report");
    await thang.presses("Đường giao thông");
    await thang.presses("Xong ✓");
    await thang.says("1.250 m");
    await thang.says("0");
    await thang.presses("Xem lại và gửi →");
    await thang.presses("Gửi báo cáo");
    await thang.says("/myreports");

    scene("Thứ Sáu 08:00: bot nhắc những xóm chưa báo cáo");
    const thirdHead = JSON.parse(
      await cli(
        "invite",
        "create",
        "--role",
        "hamlet_head",
        "--unit",
        "hung-dao.dong-chup",
        "--name",
        "Nông Văn Hải",
        "--json",
      ),
    ) as { code: string };
    const hai = new DemoPerson("Hải", telegram.user({ firstName: "Hải" }), print);
    await hai.says(`/start ${thirdHead.code}`);
    clock.jumpTo(new Date("2026-11-27T01:00:00Z"));
    print("  (đồng hồ: thứ Sáu 27/11/2026, 08:00 — chạy lịch nhắc báo cáo)");
    await app.jobs.catchUp();
    await hai.reads();
    print("  (Thắng và Cường đã báo cáo nên không bị nhắc)");

    scene("Cán bộ xã xem báo cáo và trả lại một báo cáo để sửa");
    const officialInvite = JSON.parse(
      await cli(
        "invite",
        "create",
        "--role",
        "official",
        "--unit",
        "hung-dao",
        "--name",
        "Lục Văn Minh",
        "--json",
      ),
    ) as { code: string };
    const minh = new DemoPerson("Minh", telegram.user({ firstName: "Minh" }), print);
    await minh.says(`/start ${officialInvite.code}`);
    await minh.says("/reports");
    await minh.presses("Xóm Đà Quận");
    await minh.presses("Trả lại để sửa");
    await minh.says("Anh ghi rõ số buổi vệ sinh là của cả tuần hay một ngày nhé.");
    await cuong.reads();

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
    clock.jumpTo(new Date("2026-11-30T05:30:00Z"));
    print("  (đồng hồ: thứ Hai 30/11/2026, 12:30 — chạy lịch tổng hợp tuần)");
    await app.jobs.catchUp();
    await minh.reads();
    await minh.says("/status");
    const outDir = resolve("out");
    const files = await writeSummaryFiles(app.deps, "hung-dao", "2026-W48", outDir);
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
