import { describe, expect, it } from "vitest";
import { NAM_PHONG_2, reportWorld } from "./report-harness.js";

describe("the weekly report on a chat without buttons (Zalo)", () => {
  it("asks the same steps as numbered lists and files the report from numbered answers", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat(undefined, false);
    await chat.command("report");
    expect(chat.reply.lastText()).toBe(
      [
        "Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2.",
        "Tuần này xóm có những việc gì? (chọn được nhiều việc)",
        "",
        "Trả lời bằng các số, ví dụ: 1 3.",
        "1. Đường giao thông",
        "2. Thủy lợi, kênh mương",
        "3. Đóng góp của nhân dân và xã hội hóa",
        "4. Nhà ở",
        "5. Môi trường, cảnh quan",
        "6. Tuyên truyền, họp dân",
        "7. Sản xuất, thu nhập",
        "8. Thắp sáng đường quê",
        "9. Nhà văn hóa xóm",
        "10. Cuộc vận động “5 không 3 sạch”",
        "0. Không có gì mới",
      ].join("\n"),
    );
    await chat.say("1 3");
    await chat.say("1,2 km");
    await chat.say("ko");
    await chat.say("2 triệu");
    await chat.say("0");
    await chat.say("1.500");
    await chat.say("0");
    expect(chat.reply.lastText()).toContain("Còn gì muốn báo thêm không?");
    expect(chat.reply.lastText()).toContain("Trả lời bằng một số");
    expect(chat.reply.lastText()).toContain("5. Xem lại và gửi →");
    await chat.say("5");
    expect(chat.reply.lastText()).toContain("• Đường bê tông hóa mới: 1.200 m");
    // No money is said as people say it, not "0 triệu đồng".
    expect(chat.reply.lastText()).toContain("• Xã hội hóa, con em xa quê, doanh nghiệp: 0 đồng\n");
    expect(chat.reply.lastText()).toContain("1. Gửi báo cáo\n2. Sửa một mục\n3. Hủy");
    await chat.say("1");
    expect(chat.reply.lastText()).toContain("(số 2026-48-0001)");
    expect((await world.store.reports.get(NAM_PHONG_2, "2026-W48"))?.values).toMatchObject({
      roadConcretedM: 1200,
      labourDays: 1500,
    });
  });

  it("re-asks a number outside the list, pointing at the list again", async () => {
    const { newChat } = await reportWorld();
    const chat = newChat(undefined, false);
    await chat.command("report");
    await chat.say("1 11");
    expect(chat.reply.lastText()).toContain("Anh/chị chọn các mục trong danh sách dưới đây.");
    expect(chat.reply.lastText()).toContain("1. Đường giao thông");
    await chat.say("0");
    expect(chat.reply.lastText()).toContain("Còn gì muốn báo thêm không?");
  });
});
