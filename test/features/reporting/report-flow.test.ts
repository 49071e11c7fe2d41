import { describe, expect, it } from "vitest";
import { fileTwoGroupReport, head, NAM_PHONG_2, reportWorld, restart } from "./report-harness.js";

describe("a hamlet head's weekly report", () => {
  it("reads '1,2 km', '1.500', '2 triệu' and 'ko', shows them as understood, and stores 1200 m, 1500, 2 and 0", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    expect(chat.reply.lastText()).toBe(
      "Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2.\n" +
        "Tuần này xóm có những việc gì? (chọn được nhiều việc)",
    );
    expect(chat.buttons().map((b) => b.label)).toEqual([
      "Đường giao thông",
      "Thủy lợi, kênh mương",
      "Đóng góp của nhân dân và xã hội hóa",
      "Nhà ở",
      "Môi trường, cảnh quan",
      "Tuyên truyền, họp dân",
      "Sản xuất, thu nhập",
      "Thắp sáng đường quê",
      "Nhà văn hóa xóm",
      "Cuộc vận động “5 không 3 sạch”",
      "Không có gì mới",
      "Xong ✓",
    ]);
    await chat.press("Đường giao thông");
    await chat.press("Đóng góp của nhân dân");
    await chat.press("Xong");
    expect(chat.reply.lastText()).toBe(
      "Đường bê tông hóa mới được bao nhiêu mét?\nVí dụ: 350 hoặc 1,2 km. Không có thì gõ 0.",
    );
    await chat.say("1,2 km");
    expect(chat.reply.lastText()).toContain("Đường được sửa chữa, nâng cấp bao nhiêu mét?");
    await chat.say("ko");
    expect(chat.reply.lastText()).toBe(
      "Nhân dân đóng góp bao nhiêu tiền?\nVí dụ: 2 triệu, 500 nghìn. Không có thì gõ 0.",
    );
    await chat.say("2 triệu");
    await chat.say("0");
    expect(chat.reply.lastText()).toContain("Nhân dân góp bao nhiêu ngày công lao động?");
    await chat.say("1.500");
    await chat.say("0");
    expect(chat.reply.lastText()).toBe("Còn gì muốn báo thêm không?");
    await chat.press("Xem lại và gửi");

    const review = chat.reply.lastText();
    expect(review).toContain(
      "Anh/chị kiểm tra lại báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2:",
    );
    expect(review).toContain(
      "• Việc trong tuần: Đường giao thông, Đóng góp của nhân dân và xã hội hóa",
    );
    expect(review).toContain("• Đường bê tông hóa mới: 1.200 m");
    expect(review).toContain("• Đường sửa chữa, nâng cấp: 0 m");
    expect(review).toContain("• Nhân dân đóng góp: 2 triệu đồng");
    expect(review).toContain("• Ngày công lao động: 1.500 ngày công");
    expect(chat.buttons().map((b) => b.label)).toEqual(["Gửi báo cáo", "Sửa một mục", "Hủy"]);
    await chat.press("Gửi báo cáo");

    expect(chat.reply.lastText()).toBe(
      "Đã nhận báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2 (số 2026-48-0001). Cảm ơn anh/chị!",
    );
    const stored = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    expect(stored).toMatchObject({
      hamletId: NAM_PHONG_2,
      week: "2026-W48",
      receipt: "2026-48-0001",
      authorId: "head-1",
      groups: ["roads", "contributions"],
      values: {
        roadConcretedM: 1200,
        roadRepairedM: 0,
        fundsPeopleMillionVnd: 2,
        fundsSponsorMillionVnd: 0,
        labourDays: 1500,
        landDonatedM2: 0,
      },
      late: false,
      review: "submitted",
      version: 0,
    });
    expect(await world.store.dialogs.get("head-1")).toBeUndefined();
  });

  it("takes a typical two-group report in at most 12 answers, whatever it asks on the way", async () => {
    const { newChat } = await reportWorld();
    const chat = newChat();
    // A head who knows the week answers whatever is asked next; a question he does not
    // expect, or one asked twice, shows in the count or stops the test.
    const groups = ["Đường giao thông", "Đóng góp của nhân dân"];
    const answerTo: [RegExp, () => Promise<unknown>][] = [
      [/có những việc gì/, () => chat.press(groups.shift() ?? "Xong")],
      [/Đường bê tông hóa mới được/, () => chat.say("1,2 km")],
      [/sửa chữa, nâng cấp bao nhiêu/, () => chat.say("ko")],
      [/Nhân dân đóng góp bao nhiêu tiền/, () => chat.say("2 triệu")],
      [/Xã hội hóa .* bao nhiêu tiền/, () => chat.say("0")],
      [/bao nhiêu ngày công/, () => chat.say("1.500")],
      [/bao nhiêu mét vuông đất/, () => chat.say("0")],
      [/Còn gì muốn báo thêm/, () => chat.press("Xem lại và gửi")],
      [/kiểm tra lại báo cáo/, () => chat.press("Gửi báo cáo")],
    ];
    await chat.command("report");
    while (!chat.reply.lastText().includes("Đã nhận báo cáo") && chat.answers <= 12) {
      const asked = chat.reply.lastText();
      const answer = answerTo.find(([question]) => question.test(asked))?.[1];
      if (!answer) throw new Error(`a question a head does not expect: ${asked}`);
      await answer();
    }
    expect(chat.reply.lastText()).toContain("Đã nhận báo cáo");
    expect(chat.answers).toBeLessThanOrEqual(12);
  });

  it("re-asks an out-of-range value and a word like 'nhiều' with a reason, then completes", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Đường giao thông");
    await chat.press("Xong");
    await chat.say("nhiều");
    expect(chat.reply.lastText()).toContain("Tôi chưa hiểu số này");
    expect(chat.reply.lastText()).toContain("Đường bê tông hóa mới được bao nhiêu mét?");
    await chat.say("6 km");
    expect(chat.reply.lastText()).toContain("nhiều hơn mức tối đa");
    expect(chat.reply.lastText()).toContain("Đường bê tông hóa mới được bao nhiêu mét?");
    await chat.say("350");
    await chat.say("bỏ qua");
    await chat.press("Xem lại và gửi");
    expect(chat.reply.lastText()).toContain("• Đường bê tông hóa mới: 350 m");
    expect(chat.reply.lastText()).toContain("• Đường sửa chữa, nâng cấp: bỏ qua");
    await chat.press("Gửi báo cáo");
    expect(chat.reply.lastText()).toContain("Đã nhận báo cáo");
    const stored = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    // A skipped field is absent, not zero.
    expect(stored?.values).toEqual({ roadConcretedM: 350 });
  });

  it("re-asks a count of the wrong things: 80 people are not 80 production models", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Sản xuất, thu nhập");
    await chat.press("Xong");
    expect(chat.reply.lastText()).toContain("Có bao nhiêu mô hình sản xuất mới?");
    await chat.say("80 người");
    expect(chat.reply.lastText()).toContain(
      "Mục này tính bằng mô hình, nên tôi không dùng được đơn vị “người”.",
    );
    expect(chat.reply.lastText()).toContain("Có bao nhiêu mô hình sản xuất mới?");
    await chat.say("2 mô hình");
    await chat.press("Xem lại và gửi");
    expect(chat.reply.lastText()).toContain("• Mô hình sản xuất mới: 2 mô hình");
    await chat.press("Gửi báo cáo");
    const stored = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    expect(stored?.values).toEqual({ newModels: 2 });
  });

  it("continues at the same step after the bot restarts; /cancel then /report starts fresh", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Đường giao thông");
    await chat.press("Xong");
    await chat.say("1,2 km");

    restart(world, chat);
    await chat.say("200");
    expect(chat.reply.lastText()).toBe("Còn gì muốn báo thêm không?");
    expect((await chat.engine.active("head-1"))?.answers).toMatchObject({
      "field:roadConcretedM": { value: 1200 },
      "field:roadRepairedM": { value: 200 },
    });

    restart(world, chat);
    await chat.command("report");
    expect(chat.reply.lastText()).toContain("mình làm tiếp nhé");
    expect(chat.reply.lastText()).toContain("Còn gì muốn báo thêm không?");

    await chat.command("cancel");
    expect(chat.reply.lastText()).toContain("Đã hủy phần đang làm dở");
    expect(chat.reply.lastText()).toContain("gõ /report");
    await chat.command("report");
    expect(chat.reply.lastText()).toContain("Tuần này xóm có những việc gì?");
    expect(chat.reply.lastText()).not.toContain("làm tiếp");
    expect(chat.buttons().filter((b) => b.selected)).toEqual([]);
    expect((await chat.engine.active("head-1"))?.answers).toEqual({});
  });

  it("counts one report when a week is filed twice, keeps the history, and says so on the receipt", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await fileTwoGroupReport(chat);

    await chat.command("report");
    expect(chat.reply.lastText()).toContain(
      "Tuần này anh/chị đã gửi báo cáo số 2026-48-0001. Báo cáo mới sẽ thay cho báo cáo đó.",
    );
    await chat.press("Không có gì mới");
    await chat.press("Xem lại và gửi");
    expect(chat.reply.lastText()).toContain("• Việc trong tuần: không có gì mới");
    await chat.press("Gửi báo cáo");
    expect(chat.reply.lastText()).toBe(
      "Đã nhận báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2 (số 2026-48-0002). Cảm ơn anh/chị!\n" +
        "Báo cáo này thay cho báo cáo số 2026-48-0001 anh/chị đã gửi trước đó.",
    );

    const counted = await world.store.reports.listWeek("2026-W48");
    expect(counted).toHaveLength(1);
    expect(counted[0]).toMatchObject({
      receipt: "2026-48-0002",
      groups: [],
      values: {},
      version: 1,
    });
    const earlier = await world.store.reports.history(NAM_PHONG_2, "2026-W48");
    expect(earlier.map((r) => r.receipt)).toEqual(["2026-48-0001"]);
    expect(earlier[0]?.values.roadConcretedM).toBe(1200);
  });

  it("answers a button of an earlier question with 'closed' and the current step", async () => {
    const { newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    const oldRoads = chat.buttons()[0];
    await chat.press("Nhà ở");
    await chat.press("Xong");
    const before = chat.reply.seen.length;
    await chat.pressData(oldRoads?.data ?? "", "100");
    expect(chat.reply.seen[before]).toEqual({ kind: "ack", notice: "Câu hỏi này đã qua rồi" });
    expect(chat.reply.lastText()).toContain("Câu hỏi đó đã qua rồi");
    expect(chat.reply.lastText()).toContain("Bao nhiêu nhà tạm, nhà dột nát được xóa, sửa?");
    expect((await chat.engine.active("head-1"))?.answers.groups).toEqual(["housing"]);
  });

  it("refuses /report and /myreports to a member who is not a hamlet head", async () => {
    const { world, newChat } = await reportWorld();
    const official = head("official-1", []);
    official.roles = [{ role: "official", unitId: "hung-dao", orgIds: [] }];
    const chat = newChat(official);
    await chat.command("report");
    expect(chat.reply.lastText()).toContain("Báo cáo tuần dành cho trưởng xóm");
    await chat.command("myreports");
    expect(chat.reply.lastText()).toContain("Báo cáo tuần dành cho trưởng xóm");
    expect(await world.store.dialogs.get("official-1")).toBeUndefined();
  });

  it("files only for the head's own hamlet, whatever a forged button names", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    const token = (await chat.engine.active("head-1"))?.token;
    await chat.pressData(`d:${token}:hung-dao.da-quan`);
    expect(chat.reply.lastText()).toContain("Lựa chọn đó không có trong câu hỏi này");
    expect(chat.reply.lastText()).toContain("Tuần này xóm có những việc gì?");
    await chat.press("Không có gì mới");
    await chat.press("Xem lại và gửi");
    await chat.press("Gửi báo cáo");
    expect(await world.store.reports.get("hung-dao.da-quan", "2026-W48")).toBeUndefined();
    expect(await world.store.reports.get(NAM_PHONG_2, "2026-W48")).toBeDefined();
  });

  it("asks a head of several hamlets which one first, offering only theirs", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat(head("head-2", [NAM_PHONG_2, "hung-dao.nam-phong-1"]));
    await chat.command("report");
    expect(chat.reply.lastText()).toBe("Anh/chị báo cáo cho xóm nào?");
    expect(chat.buttons().map((b) => b.label)).toEqual(["Xóm Nam Phong 2", "Xóm Nam Phong 1"]);
    const token = (await chat.engine.active("head-2"))?.token;
    await chat.pressData(`d:${token}:hung-dao.da-quan`);
    expect(chat.reply.lastText()).toContain("Lựa chọn đó không có trong câu hỏi này");
    expect(chat.reply.lastText()).toContain("Anh/chị báo cáo cho xóm nào?");

    await chat.press("Xóm Nam Phong 1");
    expect(chat.reply.lastText()).toContain("Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 1.");
    await chat.press("Không có gì mới");
    await chat.press("Xem lại và gửi");
    await chat.press("Gửi báo cáo");
    expect(chat.reply.lastText()).toContain("của xóm Nam Phong 1 (số 2026-48-0001)");
    expect(await world.store.reports.get("hung-dao.nam-phong-1", "2026-W48")).toBeDefined();
  });

  it("refuses to file when the head lost the hamlet while the draft waited", async () => {
    const { world, newChat } = await reportWorld();
    const member = head();
    const chat = newChat(member);
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Xem lại và gửi");
    member.roles = [{ role: "member", unitId: NAM_PHONG_2, orgIds: [] }];
    await chat.press("Gửi báo cáo");
    expect(chat.reply.lastText()).toContain("Báo cáo tuần dành cho trưởng xóm");
    expect(await world.store.reports.listWeek("2026-W48")).toEqual([]);
  });

  it("lets the head change an answer from the review and returns to the review", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Đường giao thông");
    await chat.press("Xong");
    await chat.say("1,2 km");
    await chat.say("0");
    await chat.press("Xem lại và gửi");
    await chat.press("Sửa một mục");
    expect(chat.reply.lastText()).toBe("Anh/chị muốn sửa mục nào?");
    await chat.press("Đường bê tông hóa mới");
    await chat.say("500");
    expect(chat.reply.lastText()).toContain("• Đường bê tông hóa mới: 500 m");

    await chat.press("Sửa một mục");
    await chat.press("Các việc trong tuần");
    await chat.press("Thủy lợi");
    await chat.press("Xong");
    expect(chat.reply.lastText()).toContain("Kênh mương nội đồng được kiên cố hóa bao nhiêu mét?");
    await chat.say("khoảng 80");
    expect(chat.reply.lastText()).toContain("• Kênh mương nội đồng kiên cố hóa: khoảng 80 m");
    await chat.press("Gửi báo cáo");
    expect((await world.store.reports.get(NAM_PHONG_2, "2026-W48"))?.values).toEqual({
      roadConcretedM: 500,
      roadRepairedM: 0,
      canalM: 80,
    });
  });

  it("drops a report draft left for more than 7 days and says how to start again", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Đường giao thông");
    world.clock.set("2026-12-03T03:00:00.000Z");
    await chat.press("Xong");
    expect(chat.reply.lastText()).toContain("quá 7 ngày");
    expect(chat.reply.lastText()).toContain("gõ /report");
    expect(await world.store.dialogs.get("head-1")).toBeUndefined();
  });
});
