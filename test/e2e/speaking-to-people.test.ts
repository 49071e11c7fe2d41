import { afterEach, describe, expect, it } from "vitest";
import type { TelegramUser } from "../../src/testing/telegram/index.js";
import type { ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import type { InviteFields } from "./support/app-bench.js";
import { press, say } from "./support/chat-steps.js";
import {
  numberIn,
  playReportScript,
  settled,
  telegramReportChat,
  WEEKLY_REPORT,
} from "./support/report-script.js";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

let bench: TwoChannelBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

/** Wednesday 02/12/2026 09:00 in Cao Bằng (week 30/11 – 06/12). */
const WEDNESDAY = new Date("2026-12-02T02:00:00Z");
const FRIDAY_0805 = new Date("2026-12-04T01:05:00Z");
const MONDAY_0930 = new Date("2026-12-07T02:30:00Z");
const MONDAY_1245 = new Date("2026-12-07T05:45:00Z");

const HEAD: InviteFields = {
  code: "HEADNP",
  roles: ["hamlet_head"],
  unitId: "hung-dao.nam-phong-2",
  name: "Hoàng Văn Thắng",
  salutation: "anh",
};
const ZALO_HEAD: InviteFields = {
  code: "HEADQT",
  roles: ["hamlet_head"],
  unitId: "hung-dao.nam-phong-1",
  name: "Đàm Văn Sơn",
  salutation: "bác",
};
const OFFICIAL: InviteFields = {
  code: "CDMNHX",
  roles: ["official"],
  unitId: "thuc-phan",
  name: "Lục Văn Minh",
  salutation: "anh",
};
const ZALO_OFFICIAL: InviteFields = {
  code: "CDHANG",
  roles: ["official"],
  unitId: "thuc-phan",
  name: "Bế Thị Hằng",
  salutation: "chị",
};

/**
 * A unit type written with a capital after a word, a comma or a colon: "của Xóm Nam Phong 2",
 * "Xem cả Phường …". A report field that opens with "Xã hội hóa" is not a unit.
 */
const CAPITAL_UNIT_MID_SENTENCE =
  /[\p{L}\d,;:)] (Xóm|Xã(?! hội)|Phường|Thành phố|Tỉnh|Thôn|Tổ dân phố) /u;

/** The lines of everything the bot said in these chats that name a unit type with a capital mid-sentence. */
function capitalisedUnits(texts: readonly string[]): string[] {
  return texts.flatMap((text) =>
    text.split("\n").filter((line) => CAPITAL_UNIT_MID_SENTENCE.test(line)),
  );
}

function telegramTexts(user: TelegramUser): string[] {
  return user
    .chat()
    .filter((m) => m.from === "bot")
    .map((m) => [m.text, ...m.buttons.flat()].join("\n"));
}

function zaloTexts(user: ZaloEmulatorUser): string[] {
  return user
    .chat()
    .filter((m) => m.from === "bot")
    .map((m) => m.text ?? m.caption ?? "");
}

/** Types on Zalo and resolves with the bot's last answer. */
async function type(user: ZaloEmulatorUser, text: string): Promise<string> {
  return (await settled(user, await user.send(text))).text ?? "";
}

/** Moves the clock and runs what is due, until every queued message is out. */
async function at(b: TwoChannelBench, when: Date): Promise<void> {
  b.clock.now = when;
  await b.app.jobs.catchUp();
  await b.app.delivery.whenIdle();
}

describe("a week of the assistant speaking to people by name, units and roles as words in a sentence", () => {
  it("heads and officials on both platforms: no capitalised unit type mid-sentence, salutations in notices and summaries, no 'bấm' on Zalo", async () => {
    const b = await startTwoChannelBench({ start: WEDNESDAY });
    bench = b;
    for (const invite of [HEAD, ZALO_HEAD, OFFICIAL, ZALO_OFFICIAL]) await b.invite(invite);

    const head = b.telegram.user({ firstName: "Thắng" });
    const welcome = await say(head, "/start HEADNP");
    expect(welcome.text).toContain(
      "Chào anh Thắng! Anh đã tham gia với vai trò trưởng xóm (xóm Nam Phong 2, phường Thục Phán).",
    );
    expect(welcome.text).toContain("Mỗi tuần anh báo cáo ngắn gọn tình hình của xóm");
    const official = b.telegram.user({ firstName: "Minh" });
    await say(official, "/start CDMNHX");
    const zaloHead = b.zalo.user({ displayName: "Sơn" });
    await type(zaloHead, "headqt");
    const zaloOfficial = b.zalo.user({ displayName: "Hằng" });
    await type(zaloOfficial, "cdhang");

    // The head files his week; the report names his hamlet as a common noun.
    const answers = await playReportScript(telegramReportChat(head), WEEKLY_REPORT);
    expect(answers[0]).toContain("Báo cáo tuần 30/11 – 06/12/2026 của xóm Nam Phong 2.");
    expect(answers.at(-1)).toContain("Đã nhận báo cáo tuần 30/11 – 06/12/2026 của xóm Nam Phong 2");

    // The official confirms one criterion and returns the report: each notice speaks to the head.
    await say(official, "/reports");
    const card = await press(official, "Xóm Nam Phong 2");
    expect(card.text).toContain("Báo cáo tuần 30/11 – 06/12/2026 của xóm Nam Phong 2");
    await press(official, "✓ Đạt: Giao thông");
    await b.app.delivery.whenIdle();
    const confirmed = await head.waitForBotMessage((m) => m.text.includes("xác nhận đạt"));
    expect(confirmed.text).toBe(
      "Tiêu chí Giao thông (Bộ tiêu chí xóm nông thôn mới) của xóm Nam Phong 2 đã được xác nhận đạt. Cảm ơn anh Thắng!",
    );
    await press(official, "Trả lại để sửa");
    await say(official, "Anh ghi rõ đoạn đường ở thôn nào nhé.");
    await b.app.delivery.whenIdle();
    const returned = await head.waitForBotMessage((m) => m.text.includes("được trả lại"));
    expect(returned.text).toContain(
      "Báo cáo tuần 30/11 – 06/12/2026 của xóm Nam Phong 2 (số 2026-49-0001) được trả lại để sửa.",
    );
    expect(returned.text).toContain("Anh Thắng bấm Sửa báo cáo để gửi lại.");

    // /status of the hamlet offers the ward, and the ward offers its hamlets.
    await say(official, "/status nam phong 2");
    await official.waitForBotMessage((m) => m.buttons.flat().includes("Xem cả phường Thục Phán"));
    await press(official, "Xem cả phường Thục Phán");
    const parts = await press(official, "Theo từng xóm");
    expect(parts.text).toMatch(/^Chọn xóm của phường Thục Phán để xem \(tuần /);

    // Friday: the Zalo head's reminder, by salutation, typed wording.
    await at(b, FRIDAY_0805);
    const reminder = await zaloHead.waitForBotMessage((m) =>
      (m.text ?? "").includes("dành một phút"),
    );
    expect(reminder.text).toContain("Bác Sơn dành một phút báo cáo nhé.");

    // Monday: the escalation, then the week's summary, greeting each official by name.
    await at(b, MONDAY_0930);
    const escalation = await zaloOfficial.waitForBotMessage((m) =>
      (m.text ?? "").includes("chưa có báo cáo:"),
    );
    expect(escalation.text).toContain("xóm Nam Phong 1 (trưởng xóm bác Sơn)");
    // Answered by its number, it lists the week's reports, worded for typing.
    const listing = await type(
      zaloOfficial,
      String(numberIn(escalation.text ?? "", "Xem báo cáo tuần đó")),
    );
    expect(listing).toContain("Chưa báo cáo: xóm Nam Phong 1.");
    await at(b, MONDAY_1245);
    const summary = await official.waitForBotMessage((m) => m.text.includes("TỔNG HỢP"));
    expect(summary.text).toMatch(
      /^Chào anh Minh, đây là bản tổng hợp tuần vừa qua\.\n\nTỔNG HỢP TUẦN 30\/11 – 06\/12\/2026 — Phường Thục Phán/,
    );
    const onZalo = await zaloOfficial.waitForBotMessage((m) => (m.text ?? "").includes("TỔNG HỢP"));
    expect(onZalo.text).toMatch(/^Chào chị Hằng, đây là bản tổng hợp tuần vừa qua\./);
    expect(onZalo.text).toContain("Chưa báo cáo: xóm Nam Phong 1 (trưởng xóm bác Sơn).");

    const zalo = [...zaloTexts(zaloHead), ...zaloTexts(zaloOfficial)];
    expect(zalo.filter((text) => /bấm/iu.test(text))).toEqual([]);
    const everything = [...telegramTexts(head), ...telegramTexts(official), ...zalo];
    expect(capitalisedUnits(everything)).toEqual([]);
  }, 120_000);
});
