import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compiled, startNode, tempDir } from "./support/processes.js";

describe("npm run demo", () => {
  it("plays the scripted week offline and prints the chats as people saw them", async () => {
    // In a fresh folder, so the files read back are the ones this run wrote under ./out.
    const folder = await tempDir();
    const demo = startNode(compiled("scripts/demo.js"), [], {}, folder);
    expect(await demo.exited).toBe(0);
    const transcript = demo.lines.join("\n");
    const png = await readFile(join(folder, "out", "bieu-do-thuc-phan-2026-W49.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const xlsx = await readFile(join(folder, "out", "tong-hop-thuc-phan-2026-W49.xlsx"));
    expect(xlsx.subarray(0, 2).toString()).toBe("PK");
    expect(transcript).toContain("Chào anh/chị Hoàng Văn Thắng!");
    expect(transcript).toContain("Switched to English.");
    expect(transcript).toMatch(/Người lạ: Chào bot\n\s+Bot: Xin chào! Đây là trợ lý tự động/);
    expect(transcript).toContain("Đường bê tông hóa mới: 1.200 m");
    expect(transcript).toMatch(/Cường: 2\n\s+Bot: Trồng mới đường hoa, hàng cây ven đường/);
    expect(transcript).toContain("Báo cáo này thay cho báo cáo số");
    expect(transcript).toContain("Xóm Đồng Chúp chưa có báo cáo tuần này");
    expect(transcript).toContain("Ý kiến của cán bộ:");
    expect(transcript).toContain("📢 Hội Liên hiệp Phụ nữ phường Thục Phán");
    expect(transcript).toMatch(/Đã chặn hoặc không liên lạc được: 1/);
    expect(transcript).toContain("TỔNG HỢP TUẦN 30/11 – 06/12/2026 — Phường Thục Phán");
    expect(transcript).toContain("Biểu đồ:   out/bieu-do-thuc-phan-2026-W49.png");
    expect(transcript).toMatch(/Sơn \(Zalo\): 1 3\n\s+Bot \(Zalo\): Đường bê tông hóa mới/);
    expect(transcript).toContain("Đã liên kết tài khoản này với anh/chị Bế Văn Tùng");
    expect(transcript).toContain("Hết phần chạy thử.");
    await rm(folder, { recursive: true, force: true });
  }, 300_000);
});
