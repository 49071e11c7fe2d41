import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { broadcastScenes } from "../../scripts/demo/broadcast-scene.js";
import { DemoPerson } from "../../scripts/demo/transcript.js";
import { compiled } from "../support/processes.js";
import { tickingClock } from "./support/broadcast-bench.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

const run = promisify(execFile);

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

describe("the demo's broadcast scenes", () => {
  it("play through: a member who blocked the bot is marked and counted, the others read it", async () => {
    const b = await startTelegramBench({ emulator: { rateLimits: false } });
    bench = b;
    tickingClock(b);
    const env = {
      DATA_DIR: b.dataDir,
      TELEGRAM_BOT_TOKEN: b.emulator.token,
      TELEGRAM_API_ROOT: b.emulator.apiRoot,
      LOG_LEVEL: "silent",
    };
    const cli = async (...args: string[]) =>
      (
        await run(process.execPath, [compiled("src/cli/main.js"), ...args], {
          env: { ...process.env, ...env },
        })
      ).stdout;
    const transcript: string[] = [];
    const print = (line: string) => transcript.push(line);
    await b.invite({
      code: "HOAHOA",
      roles: ["member"],
      unitId: "hung-dao.nam-phong-2",
      orgIds: ["hoi-phu-nu"],
      name: "Nông Thị Hoa",
    });
    const hoa = new DemoPerson("Hoa", b.emulator.user({ firstName: "Hoa" }), print);
    await hoa.says("/start HOAHOA");

    await broadcastScenes({
      app: b.app,
      telegram: b.emulator,
      cli,
      print,
      scene: (title) => print(`=== ${title} ===`),
      reader: hoa,
    });

    const text = transcript.join("\n");
    expect(text).toContain("Số người nhận: 3 (Telegram 3, Zalo 0).");
    expect(text).toContain("• Đã chặn hoặc không liên lạc được: 1");
    expect(text).toContain("• Đã nhận: 2");
    expect(text).toContain("gửi xong     trợ lý");
    const members = await b.app.deps.store.members.list();
    const lan = members.find((m) => m.name === "Đàm Thị Lan");
    expect(lan?.identities[0]?.unreachable?.reason).toContain("403");
    expect(members.find((m) => m.name === "Nông Thị Hoa")?.optedOut).toBe(true);
  }, 60_000);
});
