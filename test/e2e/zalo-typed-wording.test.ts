import { afterEach, describe, expect, it } from "vitest";
import type { ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import type { InviteFields } from "./support/app-bench.js";
import { numberOf, settled } from "./support/report-script.js";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

let bench: ZaloBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

/** A person on Zalo who answers by typing: texts, and the numbers of the lines they pick. */
function typist(user: ZaloEmulatorUser) {
  const type = async (text: string) => (await settled(user, await user.send(text))).text ?? "";
  return {
    type,
    choose: (label: string) => type(String(numberOf(user, label))),
    pick: (labels: string[]) => type(labels.map((label) => numberOf(user, label)).join(" ")),
    texts: () => user.chat().flatMap((m) => (m.from === "bot" ? [m.text ?? m.caption ?? ""] : [])),
  };
}

async function onZalo(b: ZaloBench, invite: InviteFields) {
  await b.invite(invite);
  const user = b.emulator.user({ displayName: invite.name ?? invite.code });
  await user.whenHandled(await user.send(invite.code.toLowerCase()));
  return typist(user);
}

describe("Zalo has no buttons: nothing asks to press one", () => {
  it("a report with a good deed, the story taken up and a broadcast composed, all answered by numbers", async () => {
    const b = await startZaloBench({ start: new Date("2026-12-02T02:00:00Z") });
    bench = b;
    const head = await onZalo(b, {
      code: "HEADNP",
      name: "Hoàng Văn Thắng",
      unitId: "hung-dao.nam-phong-2",
      roles: ["hamlet_head"],
    });
    const mai = await onZalo(b, {
      code: "THUHAN",
      name: "Lý Thị Mai",
      unitId: "thuc-phan",
      roles: ["broadcaster"],
      orgIds: ["hoi-phu-nu"],
    });

    await head.type("báo cáo");
    await head.choose("Không có gì mới");
    await head.choose("Gương người tốt việc tốt");
    await head.type("Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường liên xóm.");
    await head.choose("Không có ảnh");
    await head.choose("Có, người đó đồng ý");
    await head.choose("Xem lại và gửi →");
    expect(await head.choose("Gửi báo cáo")).toContain("Đã nhận báo cáo");

    const list = await mai.type("/stories pending");
    expect(list).toContain("gương được đề cử");
    await mai.type("1");
    await mai.choose("Sửa tiêu đề");
    await mai.type("Chị Hoa vận động hiến đất làm đường");
    expect(await mai.choose("Gửi đăng →")).toContain("Gửi gương");

    await mai.type("/broadcast");
    await mai.choose("Tin tuyên truyền");
    await mai.type("Tối thứ Sáu họp dân bàn làm đường liên xóm.");
    await mai.choose("Không kèm ảnh");
    await mai.choose("Chọn một số xóm");
    await mai.pick(["Xóm Nam Phong 2"]);
    const preview = await mai.choose("Tất cả hội viên Hội Liên hiệp Phụ nữ");
    expect(preview).toContain("Người nhận sẽ thấy tin như sau");

    for (const text of [...head.texts(), ...mai.texts()]) {
      expect(text).not.toMatch(/bấm/i);
    }
  });

  it("an approver on Zalo gets the approval request worded for typing, never “bấm”", async () => {
    const b = await startZaloBench({ start: new Date("2026-12-02T02:00:00Z") });
    bench = b;
    const mai = await onZalo(b, {
      code: "THUHAN",
      name: "Lý Thị Mai",
      unitId: "thuc-phan",
      roles: ["broadcaster"],
      orgIds: ["hoi-phu-nu"],
    });
    await b.invite({
      code: "DUYETA",
      name: "Bế Văn Duyệt",
      unitId: "thuc-phan",
      roles: ["approver"],
    });
    const approver = b.emulator.user({ displayName: "Duyệt" });
    await approver.whenHandled(await approver.send("duyeta"));

    await mai.type("/broadcast");
    await mai.choose("Tin tuyên truyền");
    await mai.type("Tối thứ Sáu họp dân bàn làm đường liên xóm.");
    await mai.choose("Không kèm ảnh");
    await mai.choose("Cả phường Thục Phán");
    await mai.choose("Tất cả hội viên Hội Liên hiệp Phụ nữ");
    await mai.choose("Gửi ngay");

    const request = await approver.waitForBotMessage((m) => (m.text ?? "").includes("xin duyệt"));
    expect(request.text).toContain("gõ số của dòng muốn chọn");
    expect(request.text).toMatch(/\d\. Duyệt/);
    expect(request.text).not.toMatch(/bấm/i);
  });
});
