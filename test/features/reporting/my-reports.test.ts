import { describe, expect, it } from "vitest";
import { fileTwoGroupReport, NAM_PHONG_2, reportWorld } from "./report-harness.js";

describe("/myreports", () => {
  it("lists the head's reports, newest week first, with receipt and review state", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("myreports");
    expect(chat.reply.lastText()).toBe("Anh/chị chưa gửi báo cáo nào.");
    expect(chat.buttons()).toEqual([{ data: "menu:report", label: "Báo cáo tuần này" }]);

    await fileTwoGroupReport(chat);
    await fileTwoGroupReport(chat);
    world.clock.set("2026-12-02T03:00:00.000Z");
    await fileTwoGroupReport(chat);
    const earlier = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    if (!earlier) throw new Error("the report was not stored");
    await world.store.reports.save({
      ...earlier,
      review: "returned",
      reviewComment: "Số ngày công chưa khớp",
      reviewedBy: "official-1",
      reviewedAt: "2026-12-01T02:00:00.000Z",
    });

    await chat.command("myreports");
    expect(chat.reply.lastText()).toBe(
      [
        "Các báo cáo anh/chị đã gửi:",
        "• Tuần 30/11 – 06/12/2026 · Xóm Nam Phong 2 · số 2026-49-0001: đã gửi, chờ xem xét",
        "• Tuần 23/11 – 29/11/2026 · Xóm Nam Phong 2 · số 2026-48-0002: bị trả lại để sửa (“Số ngày công chưa khớp”), đã gửi 2 lần",
      ].join("\n"),
    );
  });

  it("speaks English to a member who chose English", async () => {
    const { newChat } = await reportWorld();
    const chat = newChat();
    chat.member.locale = "en";
    await chat.command("report");
    expect(chat.reply.lastText()).toBe(
      "Report for the week 23 Nov – 29 Nov 2026, Nam Phong 2 hamlet.\n" +
        "What happened in the hamlet this week? (you may pick several)",
    );
    await chat.press("Roads");
    await chat.press("Done");
    expect(chat.reply.lastText()).toBe(
      "How many metres of road were newly concreted?\nFor example: 350 or 1.2 km. Type 0 if none.",
    );
    await chat.say("1.2 km");
    await chat.say("0");
    await chat.press("Review and send");
    expect(chat.reply.lastText()).toContain("• New concrete roads: 1,200 m");
    await chat.press("Send report");
    expect(chat.reply.lastText()).toBe(
      "Received the report for the week 23 Nov – 29 Nov 2026, Nam Phong 2 hamlet (no. 2026-48-0001). Thank you!",
    );
    await chat.command("myreports");
    expect(chat.reply.lastText()).toContain("no. 2026-48-0001: sent, awaiting review");
  });
});
