import { afterEach, describe, expect, it } from "vitest";
import type { HamletReport } from "../../src/domain/report.js";
import type { ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import {
  numberOf,
  playReportScript,
  settled,
  telegramReportChat,
  WEEKLY_REPORT,
  zaloReportChat,
} from "./support/report-script.js";
import { startTelegramBench } from "./support/telegram-bench.js";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

const HAMLET = "hung-dao.nam-phong-2";
const WEEK = "2026-W48";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A bot on Zalo and the head of Nam Phong 2, joined by typing the code. */
async function zaloHead(): Promise<{ bench: ZaloBench; head: ZaloEmulatorUser }> {
  const bench = await startZaloBench();
  stops.push(() => bench.stop());
  await bench.invite({
    code: "K7PM3Q",
    roles: ["hamlet_head"],
    unitId: HAMLET,
    name: "Hoàng Văn Thắng",
  });
  const head = bench.emulator.user({ displayName: "Thắng" });
  await head.send("K7PM3Q");
  await head.waitForBotMessage();
  return { bench, head };
}

/** Types a text in the Zalo chat and resolves with the bot's answer. */
async function type(head: ZaloEmulatorUser, text: string): Promise<string> {
  return (await settled(head, await head.send(text))).text ?? "";
}

describe("the weekly report on Zalo, by numbers", () => {
  it("files the whole report: '1 3' for the groups, messy numbers, a bad number re-asked, a restart, review and Submit", async () => {
    const { bench, head } = await zaloHead();

    const groups = await type(head, "báo cáo");
    expect(groups).toContain("Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2");
    expect(groups).toContain("Trả lời bằng các số, ví dụ: 1 3.");
    expect(groups).toContain("1. Đường giao thông\n2. Thủy lợi, kênh mương");
    expect(groups).toContain("3. Đóng góp của nhân dân và xã hội hóa");
    expect(groups).toContain("0. Không có gì mới");

    // A number with no line is re-asked, pointing at the list.
    const outOfRange = await type(head, "1 12");
    expect(outOfRange).toContain("Anh/chị chọn các mục trong danh sách dưới đây.");
    expect(outOfRange).toContain("Tuần này xóm có những việc gì?");

    expect(await type(head, "1 3")).toContain("Đường bê tông hóa mới được bao nhiêu mét?");
    expect(await type(head, "1,2 km")).toContain("Đường được sửa chữa, nâng cấp bao nhiêu mét?");

    // The bot restarts in the middle: the next answer continues at the same question.
    await bench.restart();
    expect(await type(head, "ko")).toContain("Nhân dân đóng góp bao nhiêu tiền?");
    expect(await type(head, "2 triệu")).toContain("Xã hội hóa");
    const unreadable = await type(head, "nhiều");
    expect(unreadable).toContain("Tôi chưa hiểu");
    expect(unreadable).toContain("Xã hội hóa");
    expect(await type(head, "0")).toContain("ngày công lao động");
    expect(await type(head, "1.500")).toContain("mét vuông đất");
    const menu = await type(head, "0");
    expect(menu).toContain("Còn gì muốn báo thêm không?");
    expect(menu).toContain("5. Xem lại và gửi →");

    const wrongMenu = await type(head, "7");
    expect(wrongMenu).toContain("Anh/chị chọn một mục trong danh sách dưới đây.");
    expect(wrongMenu).toContain("Còn gì muốn báo thêm không?");

    const criteria = await type(head, String(numberOf(head, "Tiêu chí mới đạt")));
    expect(criteria).toContain("Tuần này xóm mới đạt thêm tiêu chí nào?");
    const picked = [numberOf(head, "Giao thông"), numberOf(head, "Điện")];
    expect(await type(head, `${picked[0]}, ${picked[1]}`)).toContain("Còn gì muốn báo thêm không?");
    await type(head, String(numberOf(head, "Khó khăn, kiến nghị")));
    await type(head, "Thiếu xi măng cho đoạn đường lên Pác Khuổi.");

    const review = await type(head, String(numberOf(head, "Xem lại và gửi →")));
    expect(review).toContain("Anh/chị kiểm tra lại báo cáo tuần 23/11 – 29/11/2026");
    expect(review).toContain("Đường bê tông hóa mới: 1.200 m");
    expect(review).toContain("Nhân dân đóng góp: 2 triệu đồng");
    expect(review).toContain("Ngày công lao động: 1.500");
    expect(review).toContain("• Tiêu chí mới đạt: Giao thông; Điện");
    expect(review).toContain("• Khó khăn, kiến nghị: Thiếu xi măng cho đoạn đường lên Pác Khuổi.");
    expect(review).toMatch(/\d\. Gửi báo cáo/);

    const receipt = await type(head, String(numberOf(head, "Gửi báo cáo")));
    expect(receipt).toMatch(
      /Đã nhận báo cáo tuần 23\/11 – 29\/11\/2026 của xóm Nam Phong 2 \(số 2026-48-\d{4}\)/,
    );

    const stored = await bench.app.deps.store.reports.get(HAMLET, WEEK);
    const [member] = await bench.app.deps.store.members.list();
    expect(stored).toMatchObject({
      authorId: member?.id,
      groups: ["roads", "contributions"],
      values: {
        roadConcretedM: 1200,
        roadRepairedM: 0,
        fundsPeopleMillionVnd: 2,
        fundsSponsorMillionVnd: 0,
        labourDays: 1500,
        landDonatedM2: 0,
      },
      difficulties: "Thiếu xi măng cho đoạn đường lên Pác Khuổi.",
      late: false,
    });
    expect(stored?.criteriaClaimed).toHaveLength(2);
  });

  it("'0' files a week with nothing new, through review and Submit", async () => {
    const { bench, head } = await zaloHead();
    await type(head, "bao cao");
    const menu = await type(head, "0");
    expect(menu).toContain("Còn gì muốn báo thêm không?");
    const review = await type(head, String(numberOf(head, "Xem lại và gửi →")));
    expect(review).toContain("• Việc trong tuần: không có gì mới");
    expect(await type(head, String(numberOf(head, "Gửi báo cáo")))).toContain(
      "Đã nhận báo cáo tuần",
    );
    const stored = await bench.app.deps.store.reports.get(HAMLET, WEEK);
    expect(stored?.groups).toEqual([]);
    expect(stored?.values).toEqual({});
  });
});

/** What a report says, without who filed it, when, or under which receipt. */
function content(report: HamletReport | undefined) {
  if (!report) throw new Error("no report stored");
  const { receipt: _r, authorId: _a, submittedAt: _s, filing: _f, ...rest } = report;
  return rest;
}

describe("one report script on Telegram and on Zalo", () => {
  it("stores equal reports: buttons on one, numbers on the other", async () => {
    const start = new Date("2026-11-25T03:00:00Z");
    const invite = {
      code: "K7PM3Q",
      roles: ["hamlet_head" as const],
      unitId: HAMLET,
      name: "Hoàng Văn Thắng",
    };

    const telegram = await startTelegramBench({ start });
    stops.push(() => telegram.stop());
    await telegram.invite(invite);
    const onTelegram = telegram.emulator.user({ firstName: "Thắng" });
    onTelegram.command("/start K7PM3Q");
    await onTelegram.waitForBotMessage();
    const telegramAnswers = await playReportScript(telegramReportChat(onTelegram), WEEKLY_REPORT);

    const zalo = await startZaloBench({ start });
    stops.push(() => zalo.stop());
    await zalo.invite(invite);
    const onZalo = zalo.emulator.user({ displayName: "Thắng" });
    await onZalo.send("K7PM3Q");
    await onZalo.waitForBotMessage();
    const zaloAnswers = await playReportScript(zaloReportChat(onZalo), WEEKLY_REPORT);

    for (const answers of [telegramAnswers, zaloAnswers]) {
      expect(answers.at(-2)).toContain("• Tiêu chí mới đạt: Giao thông; Điện");
      expect(answers.at(-1)).toContain("Đã nhận báo cáo tuần 23/11 – 29/11/2026");
    }
    // The Zalo head typed numbers, never the labels.
    const typed = onZalo
      .chat()
      .filter((m) => m.from === "user")
      .map((m) => m.text);
    expect(typed).toContain("1 3");
    expect(typed).not.toContain("Gửi báo cáo");

    const fromTelegram = await telegram.app.deps.store.reports.get(HAMLET, WEEK);
    const fromZalo = await zalo.app.deps.store.reports.get(HAMLET, WEEK);
    expect(fromTelegram?.values).toMatchObject({ roadConcretedM: 1200, landDonatedM2: 300 });
    expect(fromTelegram?.criteriaClaimed).toHaveLength(2);
    expect(content(fromZalo)).toEqual(content(fromTelegram));
  });
});
