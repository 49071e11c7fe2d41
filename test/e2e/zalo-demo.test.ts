import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { playZaloScenes } from "../../scripts/demo/zalo-scenes.js";
import { compiled } from "../support/processes.js";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

const run = promisify(execFile);

let bench: TwoChannelBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

describe("the demo's Zalo scenes", () => {
  it("play through: a head joins and reports by numbers on Zalo, an official ends up on both", async () => {
    const b = await startTwoChannelBench();
    bench = b;
    const env = {
      DATA_DIR: b.config.dataDir,
      TELEGRAM_BOT_TOKEN: b.telegram.token,
      TELEGRAM_API_ROOT: b.telegram.apiRoot,
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

    await playZaloScenes({
      zalo: b.zalo,
      telegram: b.telegram,
      cli,
      print,
      scene: (title) => print(`=== ${title} ===`),
    });

    const text = transcript.join("\n");
    expect(text).toContain("  Sơn (Zalo): 1 3");
    expect(text).toContain("Chào anh/chị Đàm Văn Sơn");
    expect(text).toMatch(/Đã nhận báo cáo tuần .* của xóm Nam Phong 1/);
    expect(text).toContain("cả hai nơi");
    expect(text).toContain("Phường Thục Phán — tuần");

    const store = b.app.deps.store;
    const report = await store.reports.get("hung-dao.nam-phong-1", "2026-W48");
    expect(report?.values).toMatchObject({ roadConcretedM: 800, labourDays: 45 });
    const official = (await store.members.list()).find((m) => m.name === "Bế Văn Tùng");
    expect(official?.identities.map((i) => i.channel).sort()).toEqual(["telegram", "zalo"]);
  }, 60_000);
});
