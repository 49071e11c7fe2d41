import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NAM_PHONG_2, reportWorld } from "./report-harness.js";

describe("rewriting a good deed in the weekly report", () => {
  it("drops the photo of the first story when the head writes another and sends no photo", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Gương người tốt việc tốt");
    await chat.say("Chị Nông Thị Hoa vận động 12 hộ hiến đất làm đường.");
    await chat.photo([{ ref: "hoa" }]);
    await chat.press("Có, người đó đồng ý");

    // The head thinks better of it and tells another story, this time without a photo.
    await chat.press("Gương người tốt việc tốt ✓");
    await chat.say("Ông Lục Văn Sáng sửa cầu treo.");
    expect(chat.reply.lastText()).toContain("Anh/chị có ảnh về việc này không?");
    await chat.press("Không có ảnh");
    await chat.press("Chưa hỏi");
    await chat.press("Xem lại và gửi");
    expect(chat.reply.lastText()).toContain(
      "• Gương người tốt việc tốt: Ông Lục Văn Sáng sửa cầu treo.",
    );
    expect(chat.reply.lastText()).toContain("(không có ảnh;");
    await chat.press("Gửi báo cáo");

    const report = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    expect(report?.goodDeed).toEqual({ text: "Ông Lục Văn Sáng sửa cầu treo.", consent: false });
    // Nor is the dropped photo kept on disk, where it would outlive the story it showed.
    const folder = join(world.dir, "files", "reports", `${NAM_PHONG_2}@2026-W48`);
    expect(await readdir(folder).catch(() => [])).toEqual([]);
  });
});
