import { afterEach, describe, expect, it } from "vitest";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

let bench: ZaloBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

describe("/mydata (Nghị định 13/2023/NĐ-CP: a person may know what is kept about them)", () => {
  it("tells a Zalo hamlet head everything kept about them, and whom to ask to erase it", async () => {
    bench = await startZaloBench({
      env: { ISSUER_NAME: "UBND phường Thục Phán", ISSUER_PHONE: "0206 3852 123" },
    });
    await bench.invite({
      code: "K7PM3Q",
      roles: ["hamlet_head"],
      unitId: "hung-dao.nam-phong-2",
      name: "Hoàng Văn Thắng",
      orgIds: ["hoi-nong-dan"],
    });
    const head = bench.emulator.user({ displayName: "Thắng" });
    await head.send("K7PM3Q");
    await head.waitForBotMessage();
    const [member] = await bench.app.deps.store.members.list();
    if (!member) throw new Error("the head did not join");
    await bench.app.deps.store.members.replace(member, { ...member, phone: "0912345678" });

    await head.send("/mydata");
    const answer = (await head.waitForBotMessage()).text;
    expect(answer).toContain("Những thông tin trợ lý đang lưu về anh/chị:");
    expect(answer).toContain("• Họ tên: Hoàng Văn Thắng");
    expect(answer).toContain("• Số điện thoại: 0912345678");
    expect(answer).toContain("• Nơi ở, nơi làm việc: xóm Nam Phong 2, phường Thục Phán");
    expect(answer).toContain("• Vai trò: Trưởng xóm (xóm Nam Phong 2, phường Thục Phán)");
    expect(answer).toContain("• Tổ chức, đoàn thể: Hội Nông dân");
    expect(answer).toContain("• Tài khoản đã liên kết: Zalo (từ 25/11/2026)");
    expect(answer).toContain("• Báo cáo tuần đã gửi: chưa có");
    expect(answer).toContain(
      "Muốn sửa hoặc xóa thông tin của mình, anh/chị liên hệ UBND phường Thục Phán (0206 3852 123).",
    );

    await head.send("/lang en");
    await head.waitForBotMessage();
    await head.send("/mydata");
    const english = (await head.waitForBotMessage()).text;
    expect(english).toContain("What the assistant keeps about you:");
    expect(english).toContain("• Language: English");
  });
});
