import { afterEach, describe, expect, it } from "vitest";
import {
  botMessagesPerChat,
  campaign,
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

const SENT = (m: { text: string }) => m.text.startsWith("Đã gửi xong");
const RECALLED = (m: { text: string }) => m.text.startsWith("Đã thu hồi");

/** A broadcast sent to `count` members, and its author about to recall it from /broadcasts. */
async function sentBroadcast(count: number, rate = 900) {
  bench = await startTelegramBench({
    env: { BROADCAST_APPROVAL: "off", TELEGRAM_RATE: String(rate) },
  });
  const b = bench;
  tickingClock(b);
  const staff = await seedStaff(b);
  const chats = await seedRecipients(b, count);
  await b.app.broadcasting.submit(staff.authorMember, campaign("Tin gửi nhầm"));
  await staff.author.waitForBotMessage(SENT, 30_000);
  const recall = async () => {
    staff.author.command("/broadcasts");
    const list = await staff.author.waitForBotMessage((m) => m.text.includes("Các tin gần đây"));
    staff.author.press(list.messageId, "Thu hồi tin 1");
    const confirm = await staff.author.waitForBotMessage((m) => m.text.includes("chắc chắn"));
    staff.author.press(confirm.messageId, "Thu hồi");
  };
  return { b, staff, chats, recall };
}

describe("recalling a broadcast through the outbox", () => {
  it("deletes every message on the channel's lane, waiting out the platform's 429s", async () => {
    const { b, staff, chats, recall } = await sentBroadcast(12);
    b.emulator.configureFaults({ methods: ["deleteMessage"], tooManyRequests: 0.3, seed: 7 });
    await recall();
    const done = await staff.author.waitForBotMessage(RECALLED, 30_000);
    expect(done.text).toContain("khỏi 12 cuộc trò chuyện. Không thu hồi được: 0");
    expect([...botMessagesPerChat(b, chats).values()].every((n) => n === 0)).toBe(true);
    expect(b.emulator.calls({ method: "deleteMessage", outcome: "429" }).length).toBeGreaterThan(0);
    expect(b.emulator.calls({ method: "deleteMessage", outcome: "ok" })).toHaveLength(12);
    const ledger = await b.app.deps.store.outbox.progress("recall:broadcast:1");
    expect([ledger.sent, ledger.failed, ledger.total]).toEqual([12, 0, 12]);
  });

  it("stopped half-way and started again on the same data, deletes the rest once and reports once", async () => {
    // At 900/s all 30 deletions are on the wire at once and a stop lets them all finish: at
    // 25/s the stop comes with some not yet started.
    const { b, staff, chats, recall } = await sentBroadcast(30, 25);
    // Slow deletions, so the bot stops with some done and some not.
    b.emulator.configureFaults({ methods: ["deleteMessage"], slow: 1, slowMs: 100 });
    await recall();
    await b.emulator.waitForCalls({ method: "deleteMessage", outcome: "ok" }, 5, 30_000);
    await b.restart();
    const before = await b.app.deps.store.outbox.progress("recall:broadcast:1");
    expect(before.sent).toBeLessThan(30);

    const done = await staff.author.waitForBotMessage(RECALLED, 60_000);
    expect(done.text).toContain("khỏi 30 cuộc trò chuyện. Không thu hồi được: 0");
    expect([...botMessagesPerChat(b, chats).values()].every((n) => n === 0)).toBe(true);
    expect(b.emulator.calls({ method: "deleteMessage", outcome: "ok" })).toHaveLength(30);
    expect(b.emulator.calls({ method: "deleteMessage", outcome: "400" })).toEqual([]);
    expect(staff.author.chat().filter(RECALLED)).toHaveLength(1);
    expect((await b.app.deps.store.broadcasts.get("1"))?.state).toBe("recalled");
  });
});
