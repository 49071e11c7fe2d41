import { beforeAll, describe, expect, it } from "vitest";
import { memberWith, openWorld, StatusChat, seedHungDao, type World } from "./status-harness.js";

let world: World;
beforeAll(async () => {
  world = await openWorld("2026-11-25T03:00:00Z");
  await seedHungDao(world);
});

describe("who sees which area", () => {
  it("shows an admin the whole city by default, and any commune asked for", async () => {
    const admin = new StatusChat(
      world,
      memberWith("m-a", [{ role: "admin", unitId: "cao-bang", orgIds: [] }]),
    );
    const [city] = await admin.command("status");
    expect(city?.text).toContain("Thành phố Cao Bằng — tuần 23/11 – 29/11/2026");
    expect(city?.text).toContain("Báo cáo: 8/9 xóm (89%)");
    const [vinhQuang] = await admin.command("status", "vinh quang");
    expect(vinhQuang?.text).toContain("Xã Vĩnh Quang — tuần 23/11 – 29/11/2026");
  });

  it("lets an official of Thục Phán, the ward Hưng Đạo merged into, see Hưng Đạo's hamlets", async () => {
    const ward = new StatusChat(
      world,
      memberWith("m-t", [{ role: "official", unitId: "thuc-phan", orgIds: [] }]),
    );
    const [hamlet] = await ward.command("status", "nam phong 2");
    expect(hamlet?.text).toContain("Xóm Nam Phong 2 — tuần 23/11 – 29/11/2026");
    const [ward48] = await ward.command("status");
    expect(ward48?.text).toContain("Phường Thục Phán — tuần 23/11 – 29/11/2026");
    expect(ward48?.text).toContain("Báo cáo: 8/9 xóm (89%)");
    const [refused] = await ward.command("status", "vinh quang");
    expect(refused?.text).toContain("nằm ngoài địa bàn");
  });

  it("tells an official whose grant names no unit to ask the administrator", async () => {
    const lost = new StatusChat(
      world,
      memberWith("m-x", [{ role: "official", unitId: "gone", orgIds: [] }]),
    );
    const [answer] = await lost.command("status");
    expect(answer?.text).toBe(
      "Tài khoản của anh/chị chưa được gán địa bàn theo dõi. Anh/chị vui lòng liên hệ quản trị viên.",
    );
  });
});
