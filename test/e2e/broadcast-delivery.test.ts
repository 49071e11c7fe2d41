import { afterEach, describe, expect, it } from "vitest";
import type { TelegramEmulatorOptions } from "../../src/testing/telegram/index.js";
import {
  botMessagesPerChat,
  campaign,
  reportNumbers,
  seedRecipients,
  seedStaff,
  tickingClock,
} from "./support/broadcast-bench.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

async function start(emulator: TelegramEmulatorOptions, env: Record<string, string> = {}) {
  bench = await startTelegramBench({
    emulator,
    env: { BROADCAST_APPROVAL: "off", TELEGRAM_RATE: "900", ...env },
  });
  tickingClock(bench);
  return bench;
}

const REPORT = (m: { text: string }) => m.text.startsWith("Đã gửi xong");

describe("delivering a broadcast over Telegram", () => {
  it("sends 2,000 within the bulk limit: one message each, blocked ones marked, the report matching the log", async () => {
    const b = await start({
      rateLimits: { bulk: { perSecond: 1000 }, perChat: { perSecond: 1, burst: 3 } },
    });
    const staff = await seedStaff(b);
    const chats = await seedRecipients(b, 2000);
    const blocked = chats.filter((_, i) => i % 100 === 7);
    for (const chat of blocked) b.emulator.blockChat(chat);

    const result = await b.app.broadcasting.submit(
      staff.authorMember,
      campaign("Hưởng ứng Ngày hội Đại đoàn kết toàn dân tộc 18/11."),
    );
    expect(result.ok).toBe(true);
    const report = await staff.author.waitForBotMessage(REPORT, 80_000);

    // A figure, not an assertion: the count depends on the machine's load (the pace is asserted
    // on a controlled clock in pacer.test.ts).
    const tooMany = b.emulator.calls({ method: "sendMessage", outcome: "429" }).length;
    console.info(`2,000 recipients at 900/s against a 1,000/s limit: ${tooMany} answers 429`);
    const perChat = botMessagesPerChat(b, chats);
    const reachable = chats.filter((chat) => !blocked.includes(chat));
    expect(reachable.every((chat) => perChat.get(chat) === 1)).toBe(true);
    expect(blocked.every((chat) => perChat.get(chat) === 0)).toBe(true);
    for (const chat of blocked) {
      const member = await b.app.deps.store.members.get(`m${chat}`);
      expect(member?.identities[0]?.unreachable?.reason).toContain("403");
    }

    const delivered = new Set(
      b.emulator
        .calls({ method: "sendMessage", outcome: "ok" })
        .map((call) => call.chatId)
        .filter((chat) => chats.includes(Number(chat))),
    );
    const refused = b.emulator.calls({ method: "sendMessage", outcome: "403" });
    expect(reportNumbers(report.text)).toEqual({
      sent: delivered.size,
      failed: 0,
      blocked: refused.length,
      optedOut: 0,
    });
    expect(delivered.size).toBe(1980);
    expect(refused.length).toBe(20);
    const stored = await b.app.deps.store.broadcasts.get("1");
    expect(stored?.state).toBe("sent");
    expect(stored?.runs[0]?.counts).toEqual({ sent: 1980, failed: 0, blocked: 20 });
  }, 90_000);

  it("gets every recipient exactly one message through 10% server errors", async () => {
    const b = await start({ rateLimits: false, faults: { serverError: 0.1, seed: 11 } });
    const staff = await seedStaff(b);
    const chats = await seedRecipients(b, 300);
    await b.app.broadcasting.submit(staff.authorMember, campaign("Tin thử lỗi máy chủ"));
    const report = await staff.author.waitForBotMessage(REPORT, 30_000);
    expect(b.emulator.calls({ method: "sendMessage", outcome: "5xx" }).length).toBeGreaterThan(10);
    expect([...botMessagesPerChat(b, chats).values()].every((n) => n === 1)).toBe(true);
    expect(reportNumbers(report.text)).toMatchObject({ sent: 300, failed: 0, blocked: 0 });
  });

  it("through 10% connection resets gets everyone at least one, a second only after a reset once sent", async () => {
    const b = await start({
      rateLimits: false,
      faults: { resetBeforeSend: 0.05, resetAfterSend: 0.05, seed: 21 },
    });
    const staff = await seedStaff(b);
    const chats = await seedRecipients(b, 300);
    await b.app.broadcasting.submit(staff.authorMember, campaign("Tin thử mất kết nối"));
    await staff.author.waitForBotMessage(REPORT, 30_000);
    const resetAfter = b.emulator.calls({ method: "sendMessage", outcome: "reset-after" });
    expect(resetAfter.length).toBeGreaterThan(3);
    const perChat = botMessagesPerChat(b, chats);
    for (const chat of chats) {
      const received = perChat.get(chat) ?? 0;
      const resets = resetAfter.filter((call) => Number(call.chatId) === chat).length;
      expect(received).toBeGreaterThanOrEqual(1);
      expect(received - 1).toBeLessThanOrEqual(resets);
    }
  });

  it("sends a 6,000-character message in order, in parts under 4,096", async () => {
    const b = await start({ rateLimits: false });
    const staff = await seedStaff(b);
    const [chat] = await seedRecipients(b, 1);
    const paragraph = (i: number) =>
      `Đoạn ${i}. ${"Bà con xóm Nam Phong 2 cùng nhau làm đường bê tông, trồng cây xanh. ".repeat(6)}`.trim();
    const text = Array.from({ length: 15 }, (_, i) => paragraph(i + 1)).join("\n\n");
    expect(text.length).toBeGreaterThan(6000);
    await b.app.broadcasting.submit(staff.authorMember, campaign(text));
    await staff.author.waitForBotMessage(REPORT, 30_000);
    const parts = b.emulator.chat(chat as number).filter((m) => m.from === "bot");
    expect(parts.length).toBe(2);
    expect(parts.every((part) => part.text.length < 4096)).toBe(true);
    expect(parts[0]?.text.startsWith("📢 Hội Liên hiệp Phụ nữ phường Thục Phán\nĐoạn 1.")).toBe(
      true,
    );
    expect(parts[1]?.text).toContain("Đoạn 15.");
    expect(parts[1]?.text.endsWith("Gõ /stop nếu không muốn nhận tin.")).toBe(true);
    const squash = (s: string) => s.replace(/\s+/g, "");
    expect(squash(parts.map((p) => p.text).join(""))).toBe(
      squash(
        `📢 Hội Liên hiệp Phụ nữ phường Thục Phán\n${text}\nGõ /stop nếu không muốn nhận tin.`,
      ),
    );
  });

  it("skips a member who typed /stop and counts them as opted out", async () => {
    const b = await start({ rateLimits: false });
    const staff = await seedStaff(b);
    const chats = await seedRecipients(b, 3);
    const quitter = b.emulator.user({ id: chats[0] as number, firstName: "Thôi" });
    quitter.command("/stop");
    const ask = await quitter.waitForBotMessage();
    expect(ask.buttons.flat()).toEqual(["Ngừng nhận tin", "Vẫn nhận tin"]);
    quitter.press(ask.messageId, "Ngừng nhận tin");
    expect((await quitter.waitForBotMessage()).text).toContain(
      "Muốn nhận tin trở lại, anh/chị gõ /start.",
    );

    await b.app.broadcasting.submit(staff.authorMember, campaign("Tin sau khi ngừng nhận"));
    const report = await staff.author.waitForBotMessage(REPORT, 30_000);
    expect(reportNumbers(report.text)).toMatchObject({ sent: 2, optedOut: 1 });
    expect(quitter.chat().filter((m) => m.text.includes("Tin sau khi ngừng nhận"))).toEqual([]);
  });

  it("recalls a sent broadcast: the messages leave the members' chats, and the author gets the count", async () => {
    const b = await start({ rateLimits: false });
    const staff = await seedStaff(b);
    const chats = await seedRecipients(b, 5);
    await b.app.broadcasting.submit(staff.authorMember, campaign("Tin gửi nhầm"));
    await staff.author.waitForBotMessage(REPORT, 30_000);
    expect([...botMessagesPerChat(b, chats).values()]).toEqual([1, 1, 1, 1, 1]);

    staff.author.command("/broadcasts");
    const list = await staff.author.waitForBotMessage((m) => m.text.includes("Các tin gần đây"));
    expect(list.text).toContain("Đã gửi");
    expect(list.text).toContain("5 đã nhận");
    staff.author.press(list.messageId, "Thu hồi tin 1");
    const confirm = await staff.author.waitForBotMessage((m) => m.text.includes("chắc chắn"));
    staff.author.press(confirm.messageId, "Thu hồi");
    const done = await staff.author.waitForBotMessage(
      (m) => m.text.startsWith("Đã thu hồi"),
      10_000,
    );
    expect(done.text).toContain("khỏi 5 cuộc trò chuyện. Không thu hồi được: 0");
    expect([...botMessagesPerChat(b, chats).values()]).toEqual([0, 0, 0, 0, 0]);
    expect(b.emulator.calls({ method: "deleteMessage", outcome: "ok" }).length).toBe(5);
    expect((await b.app.deps.store.broadcasts.get("1"))?.state).toBe("recalled");
  });
});
