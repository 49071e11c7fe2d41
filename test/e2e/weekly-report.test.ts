import { afterEach, describe, expect, it } from "vitest";
import { messageWithButton, press, say } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench;
afterEach(async () => {
  await bench?.stop();
});

async function headOfNamPhong2(start = new Date("2026-11-25T03:00:00Z")) {
  bench = await startTelegramBench({ start });
  await bench.invite({
    code: "HEADNP",
    roles: ["hamlet_head"],
    unitId: "hung-dao.nam-phong-2",
    name: "Hoàng Văn Thắng",
  });
  const head = bench.emulator.user({ firstName: "Thắng" });
  head.command("/start HEADNP");
  await head.waitForBotMessage();
  return head;
}

describe("the weekly report on Telegram", () => {
  it("reads messy numbers, shows them as understood, and stores them in each field's unit", async () => {
    const head = await headOfNamPhong2();
    head.command("/report");
    const first = await head.waitForBotMessage();
    expect(first.text).toContain("Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2");
    await press(head, "Đường giao thông");
    await press(head, "Đóng góp của nhân dân và xã hội hóa");
    const roadQuestion = await press(head, "Xong ✓");
    expect(roadQuestion.text).toContain("Đường bê tông hóa mới được bao nhiêu mét?");
    for (const typed of ["1,2 km", "ko", "2 triệu", "0", "1.500", "0"]) {
      await say(head, typed);
    }
    const review = await press(head, "Xem lại và gửi →");
    expect(review.text).toContain("Đường bê tông hóa mới: 1.200 m");
    expect(review.text).toContain("Nhân dân đóng góp: 2 triệu đồng");
    expect(review.text).toContain("Ngày công lao động: 1.500");
    const receipt = await press(head, "Gửi báo cáo");
    expect(receipt.text).toMatch(
      /Đã nhận báo cáo tuần 23\/11 – 29\/11\/2026 của xóm Nam Phong 2 \(số 2026-48-\d{4}\)/,
    );

    const stored = await bench.app.deps.store.reports.get("hung-dao.nam-phong-2", "2026-W48");
    expect(stored?.values).toMatchObject({
      roadConcretedM: 1200,
      roadRepairedM: 0,
      fundsPeopleMillionVnd: 2,
      labourDays: 1500,
    });
    expect(stored?.late).toBe(false);
  });

  it("shows a pressed option ticked while Telegram is still slow to take the press's acknowledgement", async () => {
    const head = await headOfNamPhong2();
    head.command("/report");
    await head.waitForBotMessage();
    const question = messageWithButton(head, "Đường giao thông");
    const editsBefore = bench.emulator.calls({ method: "editMessageText" }).length;
    // Every acknowledgement of a press takes half a minute to be answered.
    bench.emulator.configureFaults({ methods: ["answerCallbackQuery"], slow: 1, slowMs: 30_000 });
    const pressed = head.press(question.messageId, "Đường giao thông");
    await bench.emulator.waitForCalls({ method: "editMessageText" }, editsBefore + 1, 25_000);
    expect(bench.emulator.callbackAnswer(pressed.callbackQueryId)).toBeUndefined();
    expect(messageWithButton(head, "✓ Đường giao thông").messageId).toBe(question.messageId);
  }, 120_000);

  it("re-asks an out-of-range value and a word like 'nhiều' with a reason, then completes", async () => {
    const head = await headOfNamPhong2();
    head.command("/report");
    await head.waitForBotMessage();
    await press(head, "Nhà ở");
    await press(head, "Xong ✓");
    const tooMany = await say(head, "500");
    expect(tooMany.text).toContain("Tôi đọc được 500");
    expect(tooMany.text).toMatch(/mức tối đa của một xóm trong một tuần \(50 /);
    const unreadable = await say(head, "nhiều");
    expect(unreadable.text).toContain("Tôi chưa hiểu");
    const menu = await say(head, "3");
    expect(menu.buttons.flat()).toContain("Xem lại và gửi →");
    await press(head, "Xem lại và gửi →");
    await press(head, "Gửi báo cáo");
    const stored = await bench.app.deps.store.reports.get("hung-dao.nam-phong-2", "2026-W48");
    expect(stored?.values.housesRepaired).toBe(3);
  });

  it("understands typed numbers and a label's words at a button step, as on Zalo", async () => {
    const head = await headOfNamPhong2();
    head.command("/report");
    await head.waitForBotMessage();
    // "1 3" answers the groups question whole: roads, then the people's contributions.
    const roadQuestion = await say(head, "1 3");
    expect(roadQuestion.text).toContain("Đường bê tông hóa mới được bao nhiêu mét?");
    for (const typed of ["200", "0", "1 triệu", "0", "10", "0"]) await say(head, typed);
    // The menu's button labels typed as words, without the arrow or the diacritics.
    const review = await say(head, "xem lai va gui");
    expect(review.text).toContain("Đường bê tông hóa mới: 200 m");
    const receipt = await say(head, "Gửi báo cáo");
    expect(receipt.text).toContain("Đã nhận báo cáo tuần 23/11 – 29/11/2026");

    const stored = await bench.app.deps.store.reports.get("hung-dao.nam-phong-2", "2026-W48");
    expect(stored?.values).toMatchObject({ roadConcretedM: 200, fundsPeopleMillionVnd: 1 });
    expect(head.chat().some((m) => m.text.includes("bấm một nút bên dưới"))).toBe(false);
  });

  it("starts the report when the head types the words, as on Zalo: bc, bao cao", async () => {
    const head = await headOfNamPhong2();
    const started = await say(head, "bc");
    expect(started.text).toContain("Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2");
    await say(head, "hủy");
    const again = await say(head, "bao cao");
    expect(again.text).toContain("Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2");
  });

  it("takes an activity typed as its label's words, without diacritics too", async () => {
    const head = await headOfNamPhong2();
    head.command("/report");
    await head.waitForBotMessage();
    const picked = await say(head, "đường giao thông");
    expect(picked.text).toContain("Đường bê tông hóa mới được bao nhiêu mét?");
    head.command("/cancel");
    await head.waitForBotMessage((m) => m.text.includes("Đã hủy"));
    head.command("/report");
    await head.waitForBotMessage((m) => m.text.includes("Tuần này xóm có những việc gì?"));
    expect((await say(head, "duong giao thong")).text).toContain(
      "Đường bê tông hóa mới được bao nhiêu mét?",
    );
  });

  it("continues at the same step after a restart; /cancel then /report starts fresh", async () => {
    const head = await headOfNamPhong2();
    head.command("/report");
    await head.waitForBotMessage();
    await press(head, "Đường giao thông");
    await press(head, "Xong ✓");
    await say(head, "300");
    await bench.restart();
    const next = await say(head, "0");
    expect(next.text).toContain("Còn gì muốn báo thêm không?");
    head.command("/cancel");
    expect((await head.waitForBotMessage()).text).toContain("Đã hủy");
    head.command("/report");
    const fresh = await head.waitForBotMessage();
    expect(fresh.text).toContain("Tuần này xóm có những việc gì?");
    expect(fresh.buttons.flat()).not.toContain("✓ Đường giao thông");
  });

  it("counts one report when a week is filed twice, keeps both in history, and closes last week on Monday 13:00", async () => {
    const head = await headOfNamPhong2();
    for (const metres of ["100", "250"]) {
      head.command("/report");
      await head.waitForBotMessage();
      await press(head, "Đường giao thông");
      await press(head, "Xong ✓");
      await say(head, metres);
      await say(head, "0");
      await press(head, "Xem lại và gửi →");
      await press(head, "Gửi báo cáo");
    }
    expect(head.lastBotMessage()?.text).toContain("thay cho báo cáo số");
    const store = bench.app.deps.store;
    expect(await store.reports.listWeek("2026-W48")).toHaveLength(1);
    expect(
      (await store.reports.get("hung-dao.nam-phong-2", "2026-W48"))?.values.roadConcretedM,
    ).toBe(250);
    expect(await store.reports.history("hung-dao.nam-phong-2", "2026-W48")).toHaveLength(1);

    bench.clock.now = new Date("2026-11-30T06:00:00Z"); // Monday 13:00 in Hanoi
    head.command("/report");
    const now = await head.waitForBotMessage();
    expect(now.text).toContain("30/11 – 06/12/2026");
    expect(now.buttons.flat().join(" ")).not.toContain("23/11");
  });

  it("answers a stale button with 'closed' and the current step", async () => {
    const head = await headOfNamPhong2();
    head.command("/report");
    await head.waitForBotMessage();
    const groups = messageWithButton(head, "Đường giao thông");
    await press(head, "Đường giao thông");
    await press(head, "Xong ✓");
    head.press(groups.messageId, "✓ Đường giao thông");
    const again = await head.waitForBotMessage();
    expect(again.text).toContain("đã qua rồi");
    expect(again.text).toContain("Đường bê tông hóa mới được bao nhiêu mét?");
  });

  it("refuses /report to someone who is not a hamlet head", async () => {
    bench = await startTelegramBench();
    await bench.invite({ code: "MEMBER", roles: ["member"], unitId: "hung-dao.nam-phong-2" });
    const member = bench.emulator.user({ firstName: "Hoa" });
    member.command("/start MEMBER");
    await member.waitForBotMessage();
    member.command("/report");
    expect((await member.waitForBotMessage()).text).toContain("dành cho trưởng xóm");
  });

  it("does not let a head file for another hamlet, even with forged button data", async () => {
    const head = await headOfNamPhong2();
    head.command("/report");
    const groups = await head.waitForBotMessage();
    const data = groups.inlineKeyboard.flat()[0]?.callback_data ?? "";
    const forged = data.replace(/:[^:]*$/, ":hung-dao.da-quan");
    head.pressRaw(groups.messageId, forged);
    const answer = await head.waitForBotMessage();
    expect(answer.text).toContain("Tuần này xóm có những việc gì?");
    await press(head, "Không có gì mới");
    const next = await press(head, "Xong ✓");
    if (next.buttons.flat().includes("Xem lại và gửi →")) await press(head, "Xem lại và gửi →");
    await press(head, "Gửi báo cáo");
    const store = bench.app.deps.store;
    expect(await store.reports.get("hung-dao.da-quan", "2026-W48")).toBeUndefined();
    expect(await store.reports.get("hung-dao.nam-phong-2", "2026-W48")).toBeDefined();
  });
});
