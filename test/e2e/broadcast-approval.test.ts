import { afterEach, describe, expect, it } from "vitest";
import type { TelegramUser } from "../../src/testing/telegram/index.js";
import {
  botMessagesPerChat,
  campaign,
  seedRecipients,
  seedStaff,
  telegramMember,
  tickingClock,
} from "./support/broadcast-bench.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

async function start(env: Record<string, string> = {}) {
  bench = await startTelegramBench({ emulator: { rateLimits: false }, env });
  tickingClock(bench);
  return bench;
}

/** The token of the dialog question shown in a message's buttons. */
function tokenOf(user: TelegramUser, messageId: number): string {
  const data = user.chat().find((m) => m.messageId === messageId)
    ?.inlineKeyboard[0]?.[0]?.callback_data;
  return /^d:([0-9a-z]+):/.exec(data ?? "")?.[1] ?? "";
}

/** Composes a campaign message to all of Thục Phán through the chat, up to the preview. */
async function composeToPreview(author: TelegramUser, text: string) {
  author.command("/broadcast");
  const kind = await author.waitForBotMessage();
  author.press(kind.messageId, "Tin tuyên truyền");
  await author.waitForBotMessage((m) => m.text.includes("gõ nội dung"));
  author.send(text);
  const photo = await author.waitForBotMessage((m) => m.text.includes("kèm một ảnh"));
  author.press(photo.messageId, "Không kèm ảnh");
  const area = await author.waitForBotMessage((m) => m.text.includes("khu vực nào"));
  return area;
}

describe("who a broadcast may reach, and who approves it", () => {
  it("keeps a Thục Phán Hội Phụ nữ broadcaster within her scope, even with forged button data", async () => {
    const b = await start();
    const { author, approver } = await seedStaff(b);
    await b.app.deps.store.members.saveMany([
      telegramMember("hd-women", 2001, "hung-dao.da-quan", ["hoi-phu-nu"]),
      telegramMember("vq-women", 2002, "vinh-quang", ["hoi-phu-nu"]),
      telegramMember("hd-farmer", 2003, "hung-dao.da-quan", ["hoi-nong-dan"]),
    ]);
    for (const id of [2001, 2002, 2003]) b.emulator.user({ id, firstName: `U${id}` });

    const area = await composeToPreview(author, "Chị em tham gia trồng cây xanh");
    expect(area.buttons.flat().join("|")).not.toContain("Vĩnh Quang");
    author.pressRaw(area.messageId, `d:${tokenOf(author, area.messageId)}:vinh-quang`);
    const refused = await author.waitForBotMessage((m) => m.text.includes("khu vực nào"));
    expect(refused.text).toContain("Lựa chọn đó không có trong câu hỏi này.");
    author.pressRaw(refused.messageId, `d:${tokenOf(author, refused.messageId)}:cao-bang`);
    const again = await author.waitForBotMessage((m) => m.text.includes("khu vực nào"));
    expect(again.text).toContain("Lựa chọn đó không có trong câu hỏi này.");
    author.press(again.messageId, "Cả phường Thục Phán");
    const roles = await author.waitForBotMessage((m) => m.text.includes("Gửi cho những ai"));
    author.press(roles.messageId, "Tất cả hội viên Hội Liên hiệp Phụ nữ");
    const preview = await author.waitForBotMessage((m) => m.text.includes("Người nhận sẽ thấy"));
    expect(preview.text).toContain("Số người nhận: 1 (Telegram 1, Zalo 0).");
    author.press(preview.messageId, "Gửi ngay");
    expect((await author.waitForBotMessage()).text).toContain(
      "Đã chuyển tin số 1 «Chị em tham gia trồng cây xanh» tới người duyệt",
    );

    // The author also holds an approver grant: her own approval is refused.
    author.pressRaw(preview.messageId, "bca:1:1");
    expect((await author.waitForBotMessage()).text).toBe(
      "Anh/chị không thể tự duyệt tin của mình. Tin cần một người duyệt khác.",
    );
    const request = await approver.waitForBotMessage((m) => m.text.includes("xin duyệt"));
    expect(request.text).toContain(
      "📢 Hội Liên hiệp Phụ nữ phường Thục Phán\nChị em tham gia trồng cây xanh",
    );
    approver.press(request.messageId, "Duyệt");
    expect((await approver.waitForBotMessage()).text).toBe(
      "Đã duyệt tin số 1. Người soạn đã được báo.",
    );
    await author.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"));
    expect([...botMessagesPerChat(b, [2001, 2002, 2003]).values()]).toEqual([1, 0, 0]);
  });

  it("tells the author a rejection and its reason; nothing goes out", async () => {
    const b = await start();
    const { author, approver, authorMember } = await seedStaff(b);
    const chats = await seedRecipients(b, 2);
    await b.app.broadcasting.submit(authorMember, campaign("Thu quỹ khuyến học"));
    const request = await approver.waitForBotMessage((m) => m.text.includes("xin duyệt"));
    approver.press(request.messageId, "Từ chối");
    await approver.waitForBotMessage((m) => m.text.includes("lý do từ chối"));
    approver.send("Chưa có chủ trương của xã");
    expect((await approver.waitForBotMessage()).text).toBe(
      "Đã từ chối tin số 1. Người soạn đã được báo lý do.",
    );
    const told = await author.waitForBotMessage();
    expect(told.text).toContain(
      "đã từ chối tin số 1 «Thu quỹ khuyến học». Lý do: Chưa có chủ trương của xã",
    );
    expect([...botMessagesPerChat(b, chats).values()]).toEqual([0, 0]);
  });

  it("sends an edited scheduled broadcast back through approval", async () => {
    const b = await start();
    const { author, approver, authorMember } = await seedStaff(b);
    await seedRecipients(b, 1);
    await b.app.broadcasting.submit(
      authorMember,
      campaign("Họp chi hội 8 giờ", { schedule: { kind: "at", at: "2026-11-30T01:00:00.000Z" } }),
    );
    const first = await approver.waitForBotMessage((m) => m.text.includes("xin duyệt"));
    approver.press(first.messageId, "Duyệt");
    await author.waitForBotMessage((m) => m.text.includes("đã duyệt"));

    author.command("/broadcasts");
    const list = await author.waitForBotMessage((m) => m.text.includes("Các tin gần đây"));
    expect(list.text).toContain("Đã hẹn giờ");
    author.press(list.messageId, "Sửa tin 1");
    const preview = await author.waitForBotMessage((m) => m.text.includes("đang sửa tin số 1"));
    author.press(preview.messageId, "Sửa một mục");
    const what = await author.waitForBotMessage((m) => m.text.includes("sửa mục nào"));
    author.press(what.messageId, "Nội dung");
    await author.waitForBotMessage((m) => m.text.includes("gõ nội dung"));
    author.send("Họp chi hội 9 giờ");
    const again = await author.waitForBotMessage((m) => m.text.includes("Họp chi hội 9 giờ"));
    author.press(again.messageId, "Giữ lịch cũ");
    expect((await author.waitForBotMessage()).text).toContain("Đã sửa tin số 1");

    const second = await approver.waitForBotMessage((m) => m.text.includes("bản số 2"));
    expect(second.text).toContain("Họp chi hội 9 giờ");
    approver.press(first.messageId, "Duyệt");
    expect((await approver.waitForBotMessage()).text).toContain("đã được sửa sau khi");
    expect((await b.app.deps.store.broadcasts.get("1"))?.state).toBe("pending");
    approver.press(second.messageId, "Duyệt");
    await approver.waitForBotMessage((m) => m.text.startsWith("Đã duyệt"));
    expect((await b.app.deps.store.broadcasts.get("1"))?.state).toBe("scheduled");
  });

  it("stops a cancelled weekly broadcast", async () => {
    const b = await start({ BROADCAST_APPROVAL: "off" });
    const { author, authorMember } = await seedStaff(b);
    const chats = await seedRecipients(b, 2);
    await b.app.broadcasting.submit(
      authorMember,
      campaign("Sáng thứ Hai tổng vệ sinh", {
        schedule: { kind: "weekly", weekday: 1, time: "07:00" },
      }),
    );
    b.clock.now = new Date("2026-11-30T00:00:10Z");
    await b.app.jobs.catchUp();
    await author.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"));
    expect([...botMessagesPerChat(b, chats).values()]).toEqual([1, 1]);

    author.command("/broadcasts");
    const list = await author.waitForBotMessage((m) => m.text.includes("Các tin gần đây"));
    author.press(list.messageId, "Hủy tin 1");
    const confirm = await author.waitForBotMessage((m) => m.text.includes("chắc chắn"));
    author.press(confirm.messageId, "Hủy tin");
    expect((await author.waitForBotMessage()).text).toBe("Đã hủy tin số 1.");

    b.clock.now = new Date("2026-12-07T00:00:10Z");
    await b.app.jobs.catchUp();
    await b.app.delivery.whenIdle();
    expect([...botMessagesPerChat(b, chats).values()]).toEqual([1, 1]);
    const actions = (await b.app.deps.store.broadcasts.audit("1")).map((e) => e.action);
    expect(actions).toEqual(["composed", "started", "sent", "cancelled"]);
  });
});

describe("the composer's preview", () => {
  it("shows the photo members will get, just above the preview text", async () => {
    const b = await start();
    const { author } = await seedStaff(b);
    await b.app.deps.store.members.saveMany([
      telegramMember("hd-women", 2001, "hung-dao.da-quan", ["hoi-phu-nu"]),
    ]);
    b.emulator.user({ id: 2001, firstName: "U2001" });
    author.command("/broadcast");
    const kind = await author.waitForBotMessage();
    author.press(kind.messageId, "Tin tuyên truyền");
    await author.waitForBotMessage((m) => m.text.includes("gõ nội dung"));
    author.send("Ngày hội trồng hoa");
    await author.waitForBotMessage((m) => m.text.includes("kèm một ảnh"));
    author.sendPhoto();
    const area = await author.waitForBotMessage((m) => m.text.includes("khu vực nào"));
    author.press(area.messageId, "Cả phường Thục Phán");
    const roles = await author.waitForBotMessage((m) => m.text.includes("Gửi cho những ai"));
    author.press(roles.messageId, "Tất cả hội viên Hội Liên hiệp Phụ nữ");
    const preview = await author.waitForBotMessage((m) => m.text.includes("Người nhận sẽ thấy"));
    const shown = author.chat().filter((m) => m.from === "bot");
    const before = shown[shown.findIndex((m) => m.messageId === preview.messageId) - 1];
    expect(before?.photo?.bytes.length).toBeGreaterThan(0);
    expect(preview.text).toContain("(ảnh ở trên được gửi kèm)");
  });
});
