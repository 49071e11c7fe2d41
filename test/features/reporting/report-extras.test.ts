import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NAM_PHONG_2, reportWorld } from "./report-harness.js";

const photoFolder = (dir: string) => join(dir, "files", "reports", `${NAM_PHONG_2}@2026-W48`);

describe("the report's 'anything else?' menu", () => {
  it("keeps up to 5 photos sent as an album, each readable only by the owner", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Gửi ảnh");
    expect(chat.reply.lastText()).toContain("tối đa 5 ảnh");

    for (let i = 1; i <= 4; i++) await chat.photo([{ ref: `album-${i}`, size: 2000 }], "album-1");
    expect(chat.reply.lastText()).toBe("Đã nhận 4/5 ảnh.\nAnh/chị gửi tiếp, hoặc chọn Xong.");
    await chat.photo([{ ref: "album-5", size: 2000 }], "album-1");
    expect(chat.reply.lastText()).toContain("Còn gì muốn báo thêm không?");
    expect(chat.buttons().map((b) => b.label)).toContain("Gửi ảnh ✓");
    await chat.photo([{ ref: "album-6", size: 2000 }], "album-1");
    expect(chat.reply.lastText()).toContain("Câu hỏi này chưa cần ảnh.");
    expect(world.photos.fetched).toEqual(["album-1", "album-2", "album-3", "album-4", "album-5"]);

    await chat.press("Xem lại và gửi");
    expect(chat.reply.lastText()).toContain("• Ảnh: 5 ảnh");
    await chat.press("Gửi báo cáo");
    const report = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    expect(report?.photos).toHaveLength(5);
    const files = await readdir(photoFolder(world.dir));
    expect(files).toHaveLength(5);
    for (const photo of report?.photos ?? []) {
      expect(photo.file).toMatch(/^reports\/hung-dao\.nam-phong-2@2026-W48\/.+\.jpg$/);
      expect(photo.bytes).toBe(2000);
      const info = await stat(join(world.dir, "files", photo.file));
      expect(info.mode & 0o777).toBe(0o600);
    }
  });

  it("keeps every photo of an album whose messages arrive all at once", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Gửi ảnh");
    await Promise.all([1, 2, 3].map((i) => chat.photo([{ ref: `burst-${i}` }], "album-2")));
    const draft = await chat.engine.active("head-1");
    expect(draft?.answers.photos).toHaveLength(3);
    expect(chat.reply.lastText()).toContain("Đã nhận 3/5 ảnh.");
    expect(await readdir(photoFolder(world.dir))).toHaveLength(3);
  });

  it("refuses a photo over 10 MB and takes the next one", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Gửi ảnh");
    await chat.photo([{ ref: "huge", size: 11 * 1024 * 1024 }]);
    expect(chat.reply.lastText()).toContain("Ảnh này lớn quá (tối đa 10 MB)");
    expect(world.photos.fetched).toEqual([]);
    await chat.photo([{ ref: "small", size: 500 }]);
    expect(chat.reply.lastText()).toContain("Đã nhận 1/5 ảnh.");
    await chat.press("Xong");
    expect(chat.reply.lastText()).toContain("Còn gì muốn báo thêm không?");
  });

  it("removes a cancelled draft's photos", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Gửi ảnh");
    await chat.photo([{ ref: "p1" }]);
    await chat.photo([{ ref: "p2" }]);
    expect(await readdir(photoFolder(world.dir))).toHaveLength(2);
    await chat.command("cancel");
    expect(await readdir(photoFolder(world.dir))).toHaveLength(0);
  });

  it("nominates a good deed with a photo and consent, notes difficulties and claims criteria", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Không có gì mới");
    expect(chat.buttons().map((b) => b.label)).toEqual([
      "Tiêu chí mới đạt",
      "Gương người tốt việc tốt",
      "Khó khăn, kiến nghị",
      "Gửi ảnh",
      "Xem lại và gửi →",
    ]);

    await chat.press("Gương người tốt việc tốt");
    await chat.say("x".repeat(1001));
    expect(chat.reply.lastText()).toContain("Nội dung dài 1001 ký tự, quá mức 1000 ký tự");
    await chat.say("Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường.");
    expect(chat.reply.lastText()).toContain("Anh/chị có ảnh về việc này không?");
    await chat.photo([{ ref: "hoa" }]);
    expect(chat.reply.lastText()).toContain("có đồng ý cho nêu tên công khai không?");
    await chat.press("Có, người đó đồng ý");

    await chat.press("Khó khăn, kiến nghị");
    await chat.say("Thiếu xi măng cho đoạn đường xóm trên.");

    await chat.press("Tiêu chí mới đạt");
    expect(chat.buttons()).toHaveLength(15); // the 14 hamlet NTM criteria, then Done
    await chat.press("Giao thông");
    await chat.press("Điện");
    await chat.press("Xong");
    await chat.press("Xem lại và gửi");
    const review = chat.reply.lastText();
    expect(review).toContain(
      "• Gương người tốt việc tốt: Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường.",
    );
    expect(review).toContain("(có ảnh; người được nêu tên đã đồng ý)");
    expect(review).toContain("• Khó khăn, kiến nghị: Thiếu xi măng cho đoạn đường xóm trên.");
    expect(review).toContain("• Tiêu chí mới đạt: Giao thông; Điện");
    await chat.press("Gửi báo cáo");

    const report = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    expect(report).toMatchObject({
      goodDeed: {
        text: "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường.",
        consent: true,
        photo: { bytes: 64 },
      },
      difficulties: "Thiếu xi măng cho đoạn đường xóm trên.",
      criteriaClaimed: ["hamlet-ntm/giao-thong", "hamlet-ntm/dien"],
    });
    const statuses = await world.store.criteria.statuses(NAM_PHONG_2);
    expect(statuses.map((s) => [s.criterionId, s.state])).toEqual(
      expect.arrayContaining([
        ["hamlet-ntm/giao-thong", "claimed"],
        ["hamlet-ntm/dien", "claimed"],
      ]),
    );

    // Next week, claimed criteria are no longer offered.
    world.clock.set("2026-12-02T03:00:00.000Z");
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Tiêu chí mới đạt");
    const offered = chat.buttons().map((b) => b.label);
    expect(offered).toHaveLength(13);
    expect(offered).not.toContain("Giao thông");
  });

  it("records a good deed without photo and without consent as such", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Gương người tốt việc tốt");
    await chat.say("Ông Lục Văn Sáng sửa cầu treo.");
    await chat.press("Không có ảnh");
    await chat.press("Chưa hỏi");
    expect(chat.buttons().map((b) => b.label)).toContain("Gương người tốt việc tốt ✓");
    await chat.press("Xem lại và gửi");
    expect(chat.reply.lastText()).toContain(
      "(không có ảnh; chưa có sự đồng ý của người được nêu tên)",
    );
    await chat.press("Gửi báo cáo");
    const report = await world.store.reports.get(NAM_PHONG_2, "2026-W48");
    expect(report?.goodDeed).toEqual({ text: "Ông Lục Văn Sáng sửa cầu treo.", consent: false });
  });

  it("returns criteria to unmet when a replacement report no longer claims them", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Tiêu chí mới đạt");
    await chat.press("Giao thông");
    await chat.press("Xong");
    await chat.press("Xem lại và gửi");
    await chat.press("Gửi báo cáo");

    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Tiêu chí mới đạt");
    // Claimed by this very report, so a new version may claim it again.
    expect(chat.buttons().map((b) => b.label)).toContain("Giao thông");
    await chat.press("Xong");
    await chat.press("Xem lại và gửi");
    await chat.press("Gửi báo cáo");
    const statuses = await world.store.criteria.statuses(NAM_PHONG_2);
    expect(statuses.find((s) => s.criterionId === "hamlet-ntm/giao-thong")?.state).toBe("unmet");
  });
});
