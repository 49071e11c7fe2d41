import { afterEach, describe, expect, it } from "vitest";
import type { TelegramUser } from "../../src/testing/telegram/index.js";
import type { ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import type { InviteFields } from "./support/app-bench.js";
import { reportNumbers } from "./support/broadcast-bench.js";
import { press, say } from "./support/chat-steps.js";
import { numberIn, numberOf, settled } from "./support/report-script.js";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

let bench: TwoChannelBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

/** Anyone in the ward, on either platform: what they see. */
type Person = { texts(): string[] };

/** Someone joins on Telegram by typing their invite code. */
async function onTelegram(
  b: TwoChannelBench,
  invite: InviteFields,
): Promise<TelegramUser & Person> {
  await b.invite(invite);
  const user = b.telegram.user({ firstName: invite.name ?? invite.code });
  await say(user, `/start ${invite.code}`);
  return Object.assign(user, {
    texts: () => user.chat().flatMap((m) => (m.from === "bot" ? [m.text] : [])),
  });
}

/** Someone joins on Zalo by typing their invite code (Zalo has no start links). */
async function onZalo(
  b: TwoChannelBench,
  invite: InviteFields,
): Promise<ZaloEmulatorUser & Person> {
  await b.invite(invite);
  const user = b.zalo.user({ displayName: invite.name ?? invite.code });
  await user.whenHandled(await user.send(invite.code.toLowerCase()));
  return Object.assign(user, {
    texts: () => user.chat().flatMap((m) => (m.from === "bot" && m.text ? [m.text] : [])),
  });
}

/**
 * The people of phường Thục Phán (its hamlets still have `hung-dao.*` ids): the ward's MTTQ
 * broadcaster, hamlet heads and an official invited without an organisation, members of two
 * mass organisations, and a farmer of another ward, on both platforms.
 */
async function ward(approval = "off") {
  const b = await startTwoChannelBench({
    start: new Date("2026-12-02T02:00:00Z"),
    env: { BROADCAST_APPROVAL: approval },
  });
  bench = b;
  const mttq = await onTelegram(b, {
    code: "MTTQTP",
    name: "Hoàng Thị Thu",
    unitId: "thuc-phan",
    roles: ["broadcaster"],
    orgIds: ["mttq"],
  });
  const people = {
    // The Zalo hamlet head of Hồng Quang 2 the issue names, invited with no organisation.
    headHongQuang: await onZalo(b, {
      code: "HEADHQ",
      name: "Lương Văn Quang",
      unitId: "hung-dao.hong-quang-2",
      roles: ["hamlet_head"],
    }),
    headNamPhong: await onTelegram(b, {
      code: "HEADNP",
      name: "Hoàng Văn Thắng",
      unitId: "hung-dao.nam-phong-2",
      roles: ["hamlet_head"],
    }),
    official: await onTelegram(b, {
      code: "OFFTPH",
      name: "Lục Văn Minh",
      unitId: "thuc-phan",
      roles: ["official"],
    }),
    farmer: await onZalo(b, {
      code: "FARMER",
      name: "Nông Văn Nam",
      unitId: "hung-dao.da-quan",
      roles: ["member"],
      orgIds: ["hoi-nong-dan"],
    }),
    woman: await onTelegram(b, {
      code: "WOMANX",
      name: "Nông Thị Lan",
      unitId: "hung-dao.nam-phong-1",
      roles: ["member"],
      orgIds: ["hoi-phu-nu"],
    }),
  };
  const elsewhere = await onZalo(b, {
    code: "NTCFAR",
    name: "Bế Văn Tài",
    unitId: "nung-tri-cao",
    roles: ["member"],
    orgIds: ["hoi-nong-dan"],
  });
  return { b, mttq, people, elsewhere };
}

/** The MTTQ broadcaster composes a campaign message to the whole ward, up to choosing whom. */
async function composeToWhom(author: TelegramUser, text: string) {
  author.command("/broadcast");
  await author.waitForBotMessage((m) => m.text.includes("loại tin nào"));
  await press(author, "Tin tuyên truyền");
  await say(author, text);
  await press(author, "Không kèm ảnh");
  return press(author, "Cả phường Thục Phán");
}

const received = (person: Person, text: string) =>
  person.texts().filter((t) => t.includes(text)).length;

describe("a ward MTTQ broadcast, to the people as the Front thinks of them", () => {
  it("to everyone: reaches the ward's hamlet heads, officials and members on both platforms, once per chat", async () => {
    const { mttq, people, elsewhere } = await ward();
    const text = "Mời bà con dự Ngày hội Đại đoàn kết toàn dân tộc tại nhà văn hóa phường.";
    const whom = await composeToWhom(mttq, text);
    expect(whom.text).toBe("Gửi cho những ai ở phường Thục Phán?");
    expect(whom.buttons.flat()).toEqual([
      "Mọi người ở phường Thục Phán",
      "Tất cả trưởng xóm",
      "Tất cả cán bộ theo dõi",
    ]);
    const preview = await press(mttq, "Mọi người ở phường Thục Phán");
    // Five in the ward and the author herself, who lives there too.
    expect(preview.text).toContain("Số người nhận: 6 (Telegram 4, Zalo 2).");
    await press(mttq, "Gửi ngay");
    const report = await mttq.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 30_000);
    expect(reportNumbers(report.text)).toMatchObject({ sent: 6, failed: 0, blocked: 0 });

    for (const [who, person] of Object.entries(people)) {
      expect(received(person, text), who).toBe(1);
    }
    expect(received(elsewhere, text)).toBe(0);
    expect(people.headHongQuang.texts().find((t) => t.includes(text))).toContain(
      "📢 Ủy ban Mặt trận Tổ quốc phường Thục Phán",
    );
  });

  it("to all hamlet heads: reaches exactly them, whatever their organisations", async () => {
    const { mttq, people, elsewhere } = await ward();
    const text = "Đề nghị các trưởng xóm gửi danh sách hộ đăng ký làm đường trước thứ Sáu.";
    await composeToWhom(mttq, text);
    const preview = await press(mttq, "Tất cả trưởng xóm");
    expect(preview.text).toContain("Số người nhận: 2 (Telegram 1, Zalo 1).");
    await press(mttq, "Gửi ngay");
    await mttq.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 30_000);

    expect(received(people.headHongQuang, text)).toBe(1);
    expect(received(people.headNamPhong, text)).toBe(1);
    for (const other of [people.official, people.farmer, people.woman, elsewhere]) {
      expect(received(other, text)).toBe(0);
    }
    const [stored] = await (bench as TwoChannelBench).app.deps.store.broadcasts.list();
    expect(stored?.audience).toEqual({
      orgIds: ["mttq"],
      areaIds: ["thuc-phan"],
      roles: ["hamlet_head"],
      among: "everyone",
    });
  });

  it("counts a photo that could not go out on Zalo (no PUBLIC_URL) as text only, not as received", async () => {
    const { mttq, people } = await ward();
    const text = "Ảnh con đường bê tông mới làm xong ở xóm Hồng Quang 2.";
    mttq.command("/broadcast");
    await mttq.waitForBotMessage((m) => m.text.includes("loại tin nào"));
    await press(mttq, "Tin tuyên truyền");
    await say(mttq, text);
    mttq.sendPhoto();
    await mttq.waitForBotMessage((m) => m.text.includes("khu vực nào"));
    await press(mttq, "Cả phường Thục Phán");
    await press(mttq, "Mọi người ở phường Thục Phán");
    await press(mttq, "Gửi ngay");
    const report = await mttq.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 30_000);
    // Four on Telegram got the photo; the two on Zalo got the words only.
    expect(report.text).toContain(
      "• Đã nhận: 4\n• Chỉ gửi được chữ (ảnh hoặc tệp chưa gửi được qua Zalo): 2\n",
    );
    expect(people.farmer.texts().find((t) => t.includes(text))).toContain(
      "Ảnh kèm theo chưa gửi được qua Zalo.",
    );
    const [stored] = await (bench as TwoChannelBench).app.deps.store.broadcasts.list();
    expect(stored?.runs[0]?.counts).toEqual({ sent: 6, textOnly: 2, failed: 0, blocked: 0 });
  });

  it("tells a Zalo approver the photo cannot be shown there and whom to ask for it, instead of a photo they never see", async () => {
    const { b, mttq } = await ward("on");
    const { store } = b.app.deps;
    const author = (await store.members.list()).find((m) => m.name === "Hoàng Thị Thu");
    if (!author) throw new Error("the broadcaster did not join");
    await store.members.saveMany([{ ...author, phone: "0912345678" }]);
    const approver = await onZalo(b, {
      code: "DUYETT",
      name: "Nông Văn Bình",
      unitId: "thuc-phan",
      roles: ["approver"],
    });
    const text = "Ảnh lễ khánh thành nhà văn hóa xóm Nam Phong 2.";
    mttq.command("/broadcast");
    await mttq.waitForBotMessage((m) => m.text.includes("loại tin nào"));
    await press(mttq, "Tin tuyên truyền");
    await say(mttq, text);
    mttq.sendPhoto();
    await mttq.waitForBotMessage((m) => m.text.includes("khu vực nào"));
    await press(mttq, "Cả phường Thục Phán");
    await press(mttq, "Mọi người ở phường Thục Phán");
    await press(mttq, "Gửi ngay");

    const request = await approver.waitForBotMessage((m) => m.text?.includes("xin duyệt") ?? false);
    expect(request.text).toContain(text);
    expect(request.text).toContain(
      "📷 Tin này kèm một ảnh, nhưng ảnh chưa hiện được trong cuộc trò chuyện này. Trước khi duyệt, anh/chị nhờ Hoàng Thị Thu (số điện thoại 0912345678) gửi ảnh để xem.",
    );
    expect(request.text).not.toContain("Ảnh kèm theo chưa gửi được qua Zalo");
  });

  it("shows a preview with nobody to receive it saying why and what to change, and offers no sending", async () => {
    const { b, mttq, people } = await ward();
    // Both hamlet heads stop the messages; the ward official lives in no hamlet.
    await say(people.headNamPhong, "/stop");
    await press(people.headNamPhong, "Ngừng nhận tin");
    const zaloHead = people.headHongQuang;
    await zaloHead.whenHandled(await zaloHead.send("/stop"));
    // Zalo has no buttons: the head answers the confirmation with its first choice's number.
    expect(zaloHead.lastBotMessage()?.text).toContain("1. Ngừng nhận tin");
    await zaloHead.whenHandled(await zaloHead.send("1"));
    await composeToWhom(mttq, "Họp trưởng xóm sáng thứ Hai.");
    const stopped = await press(mttq, "Tất cả trưởng xóm");
    expect(stopped.text).toContain("Số người nhận: 0");
    expect(stopped.text).toContain(
      "Chưa gửi được cho ai: 2 người đã ngừng nhận tin (gõ /stop), 0 người không liên lạc được nữa.",
    );
    expect(stopped.buttons.flat()).not.toContain("Gửi ngay");

    await press(mttq, "Sửa một mục");
    await press(mttq, "Người nhận");
    await press(mttq, "Chọn một số xóm");
    await press(mttq, "Xóm Ngọc Quyến");
    await press(mttq, "Xong ✓");
    const nobody = await press(mttq, "Tất cả cán bộ theo dõi");
    expect(nobody.text).toContain(
      "Chưa gửi được cho ai: trong nhóm “Tất cả cán bộ theo dõi” ở xóm Ngọc Quyến chưa có người nào tham gia nhận tin.",
    );
    expect(nobody.text).toContain("“Sửa một mục” → “Người nhận”");
    expect(nobody.buttons.flat()).toEqual(["Sửa một mục", "Hủy"]);
    expect(await b.app.deps.store.broadcasts.list()).toEqual([]);
  });

  it("offers only areas in force today, on Telegram and Zalo: no commune or ward merged away", async () => {
    const { b, mttq } = await ward();
    const gone = ["Hưng Đạo", "Sông Hiến", "Hợp Giang", "Đề Thám", "Thành phố Cao Bằng"];
    mttq.command("/broadcast");
    await mttq.waitForBotMessage((m) => m.text.includes("loại tin nào"));
    await press(mttq, "Tin tuyên truyền");
    await say(mttq, "Họp dân bàn làm đường.");
    const areas = await press(mttq, "Không kèm ảnh");
    expect(areas.buttons.flat()).toEqual(["Cả phường Thục Phán", "Chọn một số xóm"]);
    const hamlets = await press(mttq, "Chọn một số xóm");
    const hamletLabels = hamlets.buttons.flat();
    // The former Hưng Đạo hamlets are the ward's now, under their own names.
    expect(hamletLabels).toContain("Xóm Nam Phong 2");
    for (const name of gone) expect(hamletLabels.join("|")).not.toContain(name);

    // The same broadcaster's colleague on Zalo, where choices are numbered lines.
    const zalo = await onZalo(b, {
      code: "MTTQHA",
      name: "Đàm Thị Hạnh",
      unitId: "thuc-phan",
      roles: ["broadcaster"],
      orgIds: ["mttq"],
    });
    const send = async (text: string) => (await settled(zalo, await zalo.send(text))).text ?? "";
    await send("/broadcast");
    await send(String(numberOf(zalo, "Tin tuyên truyền")));
    await send("Họp dân bàn làm đường.");
    const zaloAreas = await send(String(numberOf(zalo, "Không kèm ảnh")));
    expect(numberIn(zaloAreas, "Cả phường Thục Phán")).toBeGreaterThan(0);
    for (const name of gone) expect(zaloAreas).not.toContain(name);
  });
});
