import { describe, expect, it } from "vitest";
import { NAM_PHONG_2, reportWorld } from "./report-harness.js";

// Monday 30/11/2026 in Cao Bằng (UTC+7): last week is 2026-W48 (23/11 – 29/11).
const MONDAY_10_00 = "2026-11-30T03:00:00.000Z";
const MONDAY_11_00 = "2026-11-30T04:00:00.000Z";
const MONDAY_13_00 = "2026-11-30T06:00:00.000Z";
const SUNDAY_23_30 = "2026-11-29T16:30:00.000Z";

describe("which week a report is for", () => {
  it("is on time until Sunday 23:59", async () => {
    const { world, newChat } = await reportWorld(SUNDAY_23_30);
    const chat = newChat();
    await chat.command("report");
    expect(chat.reply.lastText()).toContain("Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2.");
    await chat.press("Không có gì mới");
    await chat.press("Xem lại và gửi");
    await chat.press("Gửi báo cáo");
    expect(chat.reply.lastText()).not.toContain("muộn");
    expect((await world.store.reports.get(NAM_PHONG_2, "2026-W48"))?.late).toBe(false);
  });

  it("on Monday morning asks this week or last week, and marks last week's report late", async () => {
    const { world, newChat } = await reportWorld(MONDAY_10_00);
    const chat = newChat();
    await chat.command("report");
    expect(chat.reply.lastText()).toContain("Anh/chị báo cáo cho tuần nào?");
    expect(chat.buttons().map((b) => b.label)).toEqual([
      "Tuần trước (23/11 – 29/11/2026), nhận đến 12:00 trưa nay",
      "Tuần này (30/11 – 06/12/2026)",
    ]);
    await chat.press("Tuần trước");
    expect(chat.reply.lastText()).toContain(
      "Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2 (báo cáo muộn).",
    );
    await chat.press("Không có gì mới");
    await chat.press("Xem lại và gửi");
    await chat.press("Gửi báo cáo");
    expect(chat.reply.lastText()).toBe(
      "Đã nhận báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2 (số 2026-48-0001). Cảm ơn anh/chị!\n" +
        "Báo cáo này được ghi nhận là báo cáo muộn.",
    );
    expect((await world.store.reports.get(NAM_PHONG_2, "2026-W48"))?.late).toBe(true);
  });

  it("closes last week at Monday 12:00: a draft for it is refused at 13:00 and /report offers this week only", async () => {
    const { world, newChat } = await reportWorld(MONDAY_11_00);
    const chat = newChat();
    await chat.command("report");
    await chat.press("Tuần trước");
    await chat.press("Không có gì mới");
    await chat.press("Xem lại và gửi");

    world.clock.set(MONDAY_13_00);
    await chat.press("Gửi báo cáo");
    expect(chat.reply.lastText()).toContain(
      "Tuần 23/11 – 29/11/2026 đã khóa sổ lúc 12:00 trưa thứ Hai",
    );
    expect(await world.store.reports.get(NAM_PHONG_2, "2026-W48")).toBeUndefined();
    expect(await world.store.dialogs.get("head-1")).toBeUndefined();

    await chat.command("report");
    expect(chat.reply.lastText()).toContain("Báo cáo tuần 30/11 – 06/12/2026 của xóm Nam Phong 2.");
    expect(chat.buttons().some((b) => b.label.startsWith("Tuần trước"))).toBe(false);
  });

  it("refuses a forged press for a closed week", async () => {
    const { world, newChat } = await reportWorld(MONDAY_13_00);
    const chat = newChat(undefined, true);
    await chat.command("report");
    const token = (await chat.engine.active("head-1"))?.token;
    await chat.pressData(`d:${token}:2026-W48`);
    expect(chat.reply.lastText()).toContain("Lựa chọn đó không có trong câu hỏi này");
    await chat.press("Không có gì mới");
    await chat.press("Xem lại và gửi");
    await chat.press("Gửi báo cáo");
    expect(await world.store.reports.get(NAM_PHONG_2, "2026-W48")).toBeUndefined();
    expect(await world.store.reports.get(NAM_PHONG_2, "2026-W49")).toBeDefined();
  });

  it("offers last week again after an official reopened it for the hamlet", async () => {
    const { world, newChat } = await reportWorld(MONDAY_13_00);
    await world.store.reports.reopen(NAM_PHONG_2, "2026-W48", "official-1", MONDAY_13_00);
    const chat = newChat();
    await chat.command("report");
    expect(chat.buttons().map((b) => b.label)).toEqual([
      "Tuần trước (23/11 – 29/11/2026), đã được mở lại",
      "Tuần này (30/11 – 06/12/2026)",
    ]);
    await chat.press("Tuần trước");
    await chat.press("Không có gì mới");
    await chat.press("Xem lại và gửi");
    await chat.press("Gửi báo cáo");
    expect(await world.store.reports.get(NAM_PHONG_2, "2026-W48")).toMatchObject({ late: true });
  });

  it("keeps the reopening to the hamlet it was made for", async () => {
    const { world, newChat } = await reportWorld(MONDAY_13_00);
    await world.store.reports.reopen(
      "hung-dao.nam-phong-1",
      "2026-W48",
      "official-1",
      MONDAY_13_00,
    );
    const chat = newChat();
    await chat.command("report");
    expect(chat.reply.lastText()).toContain("Báo cáo tuần 30/11 – 06/12/2026");
  });
});
