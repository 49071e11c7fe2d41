import { describe, expect, it } from "vitest";
import { compiled, startNode } from "./support/processes.js";

describe("npm run demo", () => {
  it("plays the scripted week offline and prints the chats as people saw them", async () => {
    const demo = startNode(compiled("scripts/demo.js"), []);
    expect(await demo.exited).toBe(0);
    const transcript = demo.lines.join("\n");
    expect(transcript).toContain("Chào anh/chị Hoàng Văn Thắng!");
    expect(transcript).toContain("Switched to English.");
    expect(transcript).toMatch(/Người lạ: Chào bot\n\s+Bot: Xin chào! Đây là trợ lý tự động/);
    expect(transcript).toContain("Đường bê tông hóa mới: 1.200 m");
    expect(transcript).toMatch(/Cường: 2\n\s+Bot: Còn gì muốn báo thêm không\?/);
    expect(transcript).toContain("Báo cáo này thay cho báo cáo số");
    expect(transcript).toContain("Xóm Đồng Chúp chưa có báo cáo tuần này");
    expect(transcript).toContain("Ý kiến của cán bộ:");
    expect(transcript).toContain("Hết phần chạy thử.");
  }, 120_000);
});
