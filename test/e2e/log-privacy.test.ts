import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { campaign, telegramMember } from "./support/broadcast-bench.js";
import { say } from "./support/chat-steps.js";
import {
  playReportScript,
  telegramReportChat,
  WEEKLY_REPORT,
  zaloReportChat,
} from "./support/report-script.js";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

let bench: TwoChannelBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

/** Every line the bot logs at info level, kept in memory. */
function logCollector(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

const PHONE = "0912345678";
const BROADCAST = "Mời bà con xóm Nam Phong dự họp bàn làm đường tối thứ Bảy tại nhà văn hóa.";

describe("the logs of a whole week at info level (Nghị định 13/2023/NĐ-CP)", () => {
  it("carry no token, no phone number, no invite code and no word anybody wrote", async () => {
    const logs = logCollector();
    const b = await startTwoChannelBench({
      logger: createLogger("info", logs.stream),
      env: { BROADCAST_APPROVAL: "off", LOG_LEVEL: "info" },
    });
    bench = b;

    // A head joins on each platform and files the week's report.
    await b.invite({
      code: "K7PM3Q",
      roles: ["hamlet_head"],
      unitId: "hung-dao.nam-phong-2",
      name: "Hoàng Văn Thắng",
    });
    await b.invite({
      code: "HEQPME",
      roles: ["hamlet_head"],
      unitId: "hung-dao.da-quan",
      name: "Nông Thị Hoa",
    });
    const onTelegram = b.telegram.user({ firstName: "Thắng" });
    await say(onTelegram, "/start K7PM3Q");
    const onZalo = b.zalo.user({ displayName: "Hoa" });
    await onZalo.send("HEQPME");
    await onZalo.waitForBotMessage();
    // Both are in Hội Phụ nữ, whose broadcast comes below; one has a phone number on record.
    const heads = await b.app.deps.store.members.list();
    expect(heads).toHaveLength(2);
    for (const [i, head] of heads.entries()) {
      const phone = i === 0 ? { phone: PHONE } : {};
      await b.app.deps.store.members.replace(head, { ...head, ...phone, orgIds: ["hoi-phu-nu"] });
    }
    await playReportScript(telegramReportChat(onTelegram), WEEKLY_REPORT);
    await playReportScript(zaloReportChat(onZalo), WEEKLY_REPORT);
    // Wrong codes and a stranger's words.
    await onZalo.send("/join WRQNG3");
    await onZalo.waitForBotMessage();
    const stranger = b.telegram.user({ firstName: "Khách" });
    stranger.command("/start NQXUCH");
    await stranger.waitForBotMessage();

    // A broadcast to both.
    const author = telegramMember(
      "author",
      1001,
      "thuc-phan",
      [],
      [{ role: "broadcaster", unitId: "thuc-phan", orgIds: ["hoi-phu-nu"] }],
    );
    await b.app.deps.store.members.saveMany([author]);
    const authorChat = b.telegram.user({ id: 1001, firstName: "Tác giả" });
    const submitted = await b.app.broadcasting.submit(author, campaign(BROADCAST));
    expect(submitted).toMatchObject({ ok: true });
    await authorChat.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 60_000);

    const secrets = [
      b.telegram.token,
      b.zalo.token,
      PHONE,
      "K7PM3Q",
      "HEQPME",
      "WRQNG3",
      "NQXUCH",
      "Thiếu xi măng",
      "1,2 km",
      BROADCAST.slice(0, 30),
    ];
    expect(logs.lines.length).toBeGreaterThan(5);
    const leaks = logs.lines.flatMap((line) =>
      secrets.filter((secret) => line.includes(secret)).map((secret) => `${secret}: ${line}`),
    );
    expect(leaks).toEqual([]);
  });
});
