import { describe, expect, it } from "vitest";
import { broadcastWorld, communeApprover, person, womenBroadcaster } from "./broadcast-harness.js";

const hoa = () => person("hoa", "hung-dao.nam-phong-2", ["hoi-phu-nu"]);
const lan = () => person("lan", "hung-dao.da-quan", ["hoi-phu-nu"]);
const farmer = () => person("farmer", "hung-dao.nam-phong-2", ["hoi-nong-dan"]);
const vinhQuang = () => person("vq", "vinh-quang", ["hoi-phu-nu"]);

describe("composing a broadcast", () => {
  it("walks kind, text, photo, area and roles, then previews it as members will see it, with the counts", async () => {
    const w = await broadcastWorld();
    const [author] = await w.join(womenBroadcaster(), hoa(), lan(), farmer(), vinhQuang());
    if (!author) throw new Error("no chat");
    await author.command("/broadcast");
    expect(author.last()).toBe("Anh/chị muốn gửi loại tin nào?");
    expect(author.buttons()).toEqual(["Tin tuyên truyền", "Gương điển hình"]);
    await author.press("Tin tuyên truyền");
    expect(author.last()).toContain("Anh/chị gõ nội dung tin.");
    await author.say("Tối thứ Sáu họp dân bàn làm đường liên xóm.");
    await author.press("Không kèm ảnh");
    // One organisation only: the composer goes straight to the area.
    expect(author.last()).toBe("Gửi tới khu vực nào?");
    const areas = author.buttons();
    expect(areas[0]).toBe("Cả phường Thục Phán");
    expect(areas).toContain("Chọn một số xóm");
    expect(areas.join(" ")).not.toContain("Vĩnh Quang");
    await author.press("Cả phường Thục Phán");
    // A mass organisation speaks to its own members, called as it calls them.
    expect(author.last()).toBe("Gửi cho những ai ở phường Thục Phán?");
    expect(author.buttons()).toEqual([
      "Tất cả hội viên Hội Liên hiệp Phụ nữ",
      "Trưởng xóm là hội viên Hội Liên hiệp Phụ nữ",
      "Cán bộ theo dõi là hội viên Hội Liên hiệp Phụ nữ",
    ]);
    await author.press("Tất cả hội viên Hội Liên hiệp Phụ nữ");

    const preview = author.last();
    expect(preview).toContain(
      "Người nhận sẽ thấy tin như sau:\n📢 Hội Liên hiệp Phụ nữ phường Thục Phán\nTối thứ Sáu họp dân bàn làm đường liên xóm.\nGõ /stop nếu không muốn nhận tin.",
    );
    // Hoa and Lan, and the author herself, who is a member of Hội Phụ nữ in Hưng Đạo.
    expect(preview).toContain("Số người nhận: 3 (Telegram 3, Zalo 0).");
    expect(preview).toContain("Tin sẽ được gửi đi sau khi người duyệt đồng ý.");
    expect(author.buttons()).toEqual([
      "Gửi ngay",
      "Hẹn ngày giờ",
      "Gửi hằng tuần",
      "Đánh dấu khẩn",
      "Sửa một mục",
      "Hủy",
    ]);
  });

  it("refuses a forged press naming another commune or organisation, and keeps asking", async () => {
    const w = await broadcastWorld();
    const [author] = await w.join(womenBroadcaster(), hoa(), vinhQuang());
    if (!author) throw new Error("no chat");
    await author.command("/broadcast");
    await author.press("Tin tuyên truyền");
    await author.say("Tin thử");
    await author.press("Không kèm ảnh");
    const token = () =>
      /^d:([0-9a-z]+):/.exec(author.keyboard()?.message.choices?.[0]?.[0]?.data ?? "")?.[1];
    await author.pressData(`d:${token()}:vinh-quang`);
    expect(author.last()).toContain("Lựa chọn đó không có trong câu hỏi này.");
    expect(author.last()).toContain("Gửi tới khu vực nào?");
    await author.pressData(`d:${token()}:cao-bang`);
    expect(author.last()).toContain("Lựa chọn đó không có trong câu hỏi này.");
    expect((await w.world.store.dialogs.get("author"))?.answers.area).toBeUndefined();
  });

  it("is only for broadcasters", async () => {
    const w = await broadcastWorld();
    const [member] = await w.join(hoa());
    await member?.command("/broadcast");
    expect(member?.last()).toContain("dành cho cán bộ tuyên truyền");
    expect(await w.world.store.dialogs.get("hoa")).toBeUndefined();
  });

  it("asks again, saying why, for a time it cannot read or that has passed, then schedules it", async () => {
    const w = await broadcastWorld({ approval: false });
    const [author] = await w.join(womenBroadcaster(), hoa());
    if (!author) throw new Error("no chat");
    await author.command("/broadcast");
    await author.press("Tin tuyên truyền");
    await author.say("Nhắc ngày hội đại đoàn kết");
    await author.press("Không kèm ảnh");
    await author.press("Cả phường Thục Phán");
    await author.press("Tất cả hội viên Hội Liên hiệp Phụ nữ");
    await author.press("Hẹn ngày giờ");
    await author.say("thứ hai tuần sau");
    expect(author.last()).toContain("Tôi chưa hiểu “thứ hai tuần sau” là lúc nào.");
    await author.say("1/1/2026 8:00");
    expect(author.last()).toContain("đã qua rồi");
    await author.say("8:00 30/11");
    expect(author.last()).toBe(
      "Đã hẹn tin số 1 «Nhắc ngày hội đại đoàn kết»: gửi lúc 08:00 30/11/2026. Gõ /broadcasts để xem, sửa hoặc hủy.",
    );
    const stored = await w.world.store.broadcasts.get("1");
    expect(stored).toMatchObject({
      state: "scheduled",
      schedule: { kind: "at", at: "2026-11-30T01:00:00.000Z" },
      audience: { orgIds: ["hoi-phu-nu"], areaIds: ["thuc-phan"], roles: [] },
    });
    // Nothing is queued before its time; it goes out once the time has come.
    expect(await w.queuedFor("hoa")).toEqual([]);
    w.world.clock.set("2026-11-30T01:00:30.000Z");
    await w.broadcasting.jobs[0]?.run(new Date("2026-11-30T01:00:00.000Z"));
    const queued = await w.queuedFor("hoa");
    expect(queued.map((q) => q.key)).toEqual(["broadcast:1:hoa"]);
    expect(queued[0]?.message.text).toContain("Nhắc ngày hội đại đoàn kết");
  });

  it("composes a model story labelled as one, its title in bold and set apart from the text", async () => {
    const w = await broadcastWorld({ approval: false });
    const [author] = await w.join(womenBroadcaster(), hoa());
    if (!author) throw new Error("no chat");
    await author.command("/broadcast");
    await author.press("Gương điển hình");
    expect(author.last()).toContain("Tiêu đề của gương điển hình là gì?");
    await author.say("Chị Nông Thị Hoa hiến đất làm đường");
    await author.say("Chị Hoa (xóm Nam Phong 2) vận động 12 hộ hiến 350 m² đất làm đường.");
    await author.press("Người đó đã đồng ý khi gặp trực tiếp");
    await author.press("Không kèm ảnh");
    await author.press("Chọn một số xóm");
    await author.press("Xóm Nam Phong 2");
    await author.press("Xong");
    await author.press("Tất cả hội viên Hội Liên hiệp Phụ nữ");
    expect(author.last()).toContain("Số người nhận: 1 (Telegram 1, Zalo 0).");
    await author.press("Gửi ngay");
    expect(author.last()).toContain(
      "Đang gửi tin số 1 «Chị Nông Thị Hoa hiến đất làm đường» tới 1 người.",
    );
    const [sent] = await w.queuedFor("hoa");
    expect(sent?.message.text).toBe(
      "🌟 Gương điển hình — Hội Liên hiệp Phụ nữ phường Thục Phán\nChị Nông Thị Hoa hiến đất làm đường\n\nChị Hoa (xóm Nam Phong 2) vận động 12 hộ hiến 350 m² đất làm đường.\nGõ /stop nếu không muốn nhận tin.",
    );
    expect(sent?.message.bold).toEqual([
      "🌟 Gương điển hình — Hội Liên hiệp Phụ nữ phường Thục Phán",
      "Chị Nông Thị Hoa hiến đất làm đường",
    ]);
    expect((await w.world.store.broadcasts.get("1"))?.audience).toEqual({
      orgIds: ["hoi-phu-nu"],
      areaIds: ["hung-dao.nam-phong-2"],
      roles: [],
      among: "org-members",
    });
  });

  it("sends the header and footer in each member's language, the text as written", async () => {
    const w = await broadcastWorld({ approval: false });
    const english = { ...hoa(), id: "en", locale: "en" as const };
    english.identities = [
      { ...english.identities[0], chatId: "chat-en" } as (typeof english.identities)[0],
    ];
    const [author] = await w.join(womenBroadcaster(), english);
    if (!author) throw new Error("no chat");
    await author.command("/broadcast");
    await author.press("Tin tuyên truyền");
    await author.say("Họp dân tối nay");
    await author.press("Không kèm ảnh");
    await author.press("Cả phường Thục Phán");
    await author.press("Tất cả hội viên Hội Liên hiệp Phụ nữ");
    await author.press("Gửi ngay");
    const [sent] = await w.queuedFor("en");
    expect(sent?.message.text).toBe(
      "📢 Women's Union, Thục Phán ward\nHọp dân tối nay\nType /stop if you do not want these messages.",
    );
  });

  it("keeps the approval mark for an approver to confirm", async () => {
    const w = await broadcastWorld();
    const [author] = await w.join(womenBroadcaster(), communeApprover(), hoa());
    if (!author) throw new Error("no chat");
    await author.command("/broadcast");
    await author.press("Tin tuyên truyền");
    await author.say("Bão sắp đổ bộ, bà con chằng chống nhà cửa");
    await author.press("Không kèm ảnh");
    await author.press("Cả phường Thục Phán");
    await author.press("Tất cả hội viên Hội Liên hiệp Phụ nữ");
    await author.press("Đánh dấu khẩn");
    expect(author.last()).toContain("Tin khẩn được gửi cả trong giờ nghỉ");
    await author.press("Đúng, tin khẩn");
    expect(author.last()).toContain("⚠️ Tin khẩn: gửi cả trong giờ nghỉ.");
    expect(author.buttons()).toContain("Bỏ dấu khẩn");
    await author.press("Gửi ngay");
    expect(author.last()).toContain("Đã chuyển tin số 1");
    const buttons = (await w.queuedButtons("approver")).map((b) => b.label);
    expect(buttons).toEqual(["Duyệt, gửi khẩn", "Duyệt, không gửi khẩn", "Từ chối"]);
  });

  it("schedules a weekly broadcast by day and time, asking again for a time it cannot read", async () => {
    const w = await broadcastWorld({ approval: false });
    const [author] = await w.join(womenBroadcaster(), hoa());
    if (!author) throw new Error("no chat");
    await author.command("/broadcast");
    await author.press("Tin tuyên truyền");
    await author.say("Sáng thứ Hai: tổng vệ sinh đường làng");
    await author.press("Không kèm ảnh");
    await author.press("Cả phường Thục Phán");
    await author.press("Tất cả hội viên Hội Liên hiệp Phụ nữ");
    await author.press("Gửi hằng tuần");
    expect(author.buttons()[0]).toBe("thứ Hai");
    await author.press("thứ Hai");
    expect(author.last()).toContain("Gửi lúc mấy giờ vào thứ Hai?");
    await author.say("25 giờ");
    expect(author.last()).toContain("Tôi chưa hiểu giờ “25 giờ”.");
    await author.say("7h30");
    expect(author.last()).toContain("gửi 07:30 thứ Hai hằng tuần");
    expect((await w.world.store.broadcasts.get("1"))?.schedule).toEqual({
      kind: "weekly",
      weekday: 1,
      time: "07:30",
    });

    await author.command("/broadcasts");
    expect(author.last()).toContain("Lần gửi tới: 07:30 30/11/2026");
  });

  it("shows a broadcast's progress in /broadcasts while it goes out", async () => {
    const w = await broadcastWorld({ approval: false });
    const [author] = await w.join(womenBroadcaster(), hoa(), lan());
    if (!author) throw new Error("no chat");
    await author.command("/broadcast");
    await author.press("Tin tuyên truyền");
    await author.say("Tin đang gửi");
    await author.press("Không kèm ảnh");
    await author.press("Cả phường Thục Phán");
    await author.press("Tất cả hội viên Hội Liên hiệp Phụ nữ");
    await author.press("Gửi ngay");
    // No delivery worker runs here: nothing has gone out yet.
    await author.command("/broadcasts");
    expect(author.last()).toContain("Đang gửi: 0/3 (đã nhận 0, lỗi 0, đã chặn 0)");
  });

  it("sends the photo with the message, and shows the approver the photo with the preview", async () => {
    const w = await broadcastWorld();
    const [author, approverChat] = await w.join(womenBroadcaster(), communeApprover(), hoa());
    if (!author) throw new Error("no chat");
    await author.command("/broadcast");
    await author.press("Gương điển hình");
    await author.say("Con đường hoa xóm Nam Phong 2");
    await author.say("Chị em trồng 500 gốc hoa dọc đường liên xóm.");
    await author.press("Không nêu tên ai");
    await author.photo();
    expect(author.last()).toBe("Gửi tới khu vực nào?");
    await author.press("Cả phường Thục Phán");
    await author.press("Tất cả hội viên Hội Liên hiệp Phụ nữ");
    // The preview shows the photo itself, just above the text, as members will get it.
    const [photo, preview] = author.reply.sent().slice(-2);
    expect(photo?.message.file?.kind).toBe("photo");
    expect(photo?.message.file?.bytes.length).toBeGreaterThan(0);
    expect(preview?.message.text).toContain("Người nhận sẽ thấy tin như sau:");
    await author.press("Gửi ngay");
    const [request] = await w.queuedFor("approver");
    expect(request?.message.file?.kind).toBe("photo");
    const approve = (await w.queuedButtons("approver")).find((b) => b.label === "Duyệt");
    await approverChat?.pressData(approve?.data ?? "");
    const [sent] = await w.queuedFor("hoa");
    expect(sent?.message.file?.kind).toBe("photo");
    expect(sent?.message.text).toContain("Con đường hoa xóm Nam Phong 2");
  });
});
