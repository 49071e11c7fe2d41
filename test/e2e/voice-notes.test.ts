import { afterEach, describe, expect, it } from "vitest";
import { isStoredAudio } from "../../src/domain/report.js";
import { updateMember } from "../../src/store/member-update.js";
import { freePort } from "../../src/testing/free-port.js";
import { sampleVoiceNote, type TelegramUser } from "../../src/testing/telegram/index.js";
import type { ZaloChatMessage, ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import { press, say } from "./support/chat-steps.js";
import { numberOf } from "./support/report-script.js";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

let bench: TwoChannelBench;
afterEach(async () => {
  await bench?.stop();
});

const HAMLET = "hung-dao.nam-phong-2";
const WEEK = "2026-W48";

/** Two voice notes as the head records them: different lengths, different bytes. */
const FIRST = { seconds: 7, bytes: sampleVoiceNote(7) };
const SECOND = { seconds: 20, bytes: sampleVoiceNote(20) };

/** The head records a voice note; resolves with the bot's answer once it has handled it. */
async function record(head: TelegramUser, note: { seconds: number; bytes: Uint8Array }) {
  const sent = head.sendVoice(note.seconds, note.bytes);
  await head.whenHandled(sent.updateId);
  return head.lastBotMessage();
}

/** A hamlet head on Telegram, with a phone number the official can call. */
async function headOnTelegram(): Promise<TelegramUser> {
  await bench.invite({
    code: "HEADNP",
    roles: ["hamlet_head"],
    unitId: HAMLET,
    name: "Hoàng Văn Thắng",
  });
  const head = bench.telegram.user({ firstName: "Thắng" });
  await say(head, "/start HEADNP");
  const [member] = await bench.app.deps.store.members.list();
  await updateMember(bench.app.deps.store.members, member?.id ?? "", (m) => ({
    ...m,
    phone: "0912345678",
  }));
  return head;
}

/** The head files a "nothing new" report with two voice notes. */
async function reportWithVoiceNotes(head: TelegramUser): Promise<void> {
  head.command("/report");
  await head.waitForBotMessage();
  await press(head, "Không có gì mới");
  const asked = await press(head, "Gửi tin nhắn thoại");
  expect(asked.text).toContain("tin nhắn thoại được gửi (tối đa 3 tin)");
  expect((await record(head, FIRST))?.text).toContain("Đã nhận 1/3 tin nhắn thoại.");
  expect((await record(head, SECOND))?.text).toContain("Đã nhận 2/3 tin nhắn thoại.");
  const menu = await press(head, "Xong ✓");
  expect(menu.buttons.flat()).toContain("Gửi tin nhắn thoại ✓");
  const review = await press(head, "Xem lại và gửi →");
  expect(review.text).toContain("• Tin nhắn thoại: 2 tin (27 giây)");
  expect((await press(head, "Gửi báo cáo")).text).toContain("Đã nhận báo cáo");
}

/** Sends a text on Zalo and resolves with the bot's next `count` messages. */
async function ask(user: ZaloEmulatorUser, text: string, count: number) {
  await user.send(text);
  const replies: ZaloChatMessage[] = [];
  for (let i = 0; i < count; i++) replies.push(await user.waitForBotMessage());
  return replies;
}

/** An official of the ward on Zalo, who opens the hamlet's report by numbers. */
async function officialOnZalo(): Promise<ZaloEmulatorUser> {
  await bench.invite({ code: "K7PM3Q", roles: ["official"], unitId: "hung-dao", name: "Lục Minh" });
  const official = bench.zalo.user({ displayName: "Minh" });
  await official.send("K7PM3Q");
  await official.waitForBotMessage();
  const [listing] = await ask(official, "xem báo cáo", 1);
  expect(listing?.text).toContain("Xóm Nam Phong 2: chờ duyệt");
  return official;
}

describe("a head's voice notes with the weekly report", () => {
  it("keeps them with the report and plays them to the reviewing official on Telegram", async () => {
    bench = await startTwoChannelBench();
    const head = await headOnTelegram();
    await reportWithVoiceNotes(head);

    const report = await bench.app.deps.store.reports.get(HAMLET, WEEK);
    const notes = report?.voiceNotes ?? [];
    expect(notes.map((n) => [isStoredAudio(n), n.seconds])).toEqual([
      [true, 7],
      [true, 20],
    ]);
    const kept = await Promise.all(notes.map((n) => bench.app.deps.store.files.get(n.file)));
    expect(kept.map((k) => k?.mimeType)).toEqual(["audio/ogg", "audio/ogg"]);
    expect(kept.map((k) => Buffer.from(k?.bytes ?? []))).toEqual([
      Buffer.from(FIRST.bytes),
      Buffer.from(SECOND.bytes),
    ]);

    await bench.invite({ code: "CANBOT", roles: ["official"], unitId: "hung-dao", name: "Cán bộ" });
    const official = bench.telegram.user({ firstName: "Cán bộ" });
    await say(official, "/start CANBOT");
    await say(official, "/reports");
    await press(official, "Xóm Nam Phong 2");
    const shown = official.chat().filter((m) => m.from === "bot");
    const card = shown.find((m) =>
      m.text.startsWith("Báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2"),
    );
    expect(card?.text).toContain(
      "Tin nhắn thoại của trưởng xóm: 2 tin (27 giây), gửi ngay ở trên.",
    );
    const played = shown.filter((m) => m.audio);
    expect(played.map((m) => [m.audio?.kind, m.audio?.duration])).toEqual([
      ["voice", 7],
      ["voice", 20],
    ]);
    expect(played.map((m) => Buffer.from(m.audio?.bytes ?? []))).toEqual([
      Buffer.from(FIRST.bytes),
      Buffer.from(SECOND.bytes),
    ]);
    expect(played[0]?.text).toBe(
      "🎙 Tin nhắn thoại 1/2 của Hoàng Văn Thắng, báo cáo tuần 23/11 – 29/11/2026 của xóm Nam Phong 2",
    );
  });

  it("answers a voice note where none is asked and asks the question again, keeping nothing", async () => {
    bench = await startTwoChannelBench();
    const head = await headOnTelegram();
    head.command("/report");
    const question = await head.waitForBotMessage();
    const answer = await record(head, FIRST);
    expect(answer?.text).toContain("Trợ lý chỉ đọc được chữ và ảnh.");
    expect(answer?.text).toContain("Tuần này xóm có những việc gì?");
    expect(answer?.buttons).toEqual(question.buttons);
    expect(await bench.app.deps.store.files.list("reports/")).toEqual([]);
  });

  it("gives a Zalo official a link that plays each voice note when PUBLIC_URL is set", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    bench = await startTwoChannelBench({
      env: {
        PUBLIC_URL: base,
        WEBHOOK_SECRET: "voice-notes-secret-0123456789",
        PORT: String(port),
      },
    });
    const head = await headOnTelegram();
    await reportWithVoiceNotes(head);

    const official = await officialOnZalo();
    const [first, second, card] = await ask(
      official,
      String(numberOf(official, "Xóm Nam Phong 2")),
      3,
    );
    expect(card?.text).toContain("Tin nhắn thoại của trưởng xóm: 2 tin (27 giây)");
    for (const [note, sent] of [
      [first, FIRST],
      [second, SECOND],
    ] as const) {
      expect(note?.text).toContain("🎙 Tin nhắn thoại");
      const url = new RegExp(`${base}/files/[0-9a-f]{64}\\.ogg`).exec(note?.text ?? "")?.[0];
      expect(url, note?.text).toBeDefined();
      const served = await fetch(url ?? "");
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("audio/ogg");
      expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from(sent.bytes));
    }
  });

  it("tells a Zalo official without PUBLIC_URL whom to call to hear them, sending no link", async () => {
    bench = await startTwoChannelBench();
    const head = await headOnTelegram();
    await reportWithVoiceNotes(head);

    const official = await officialOnZalo();
    const [card] = await ask(official, String(numberOf(official, "Xóm Nam Phong 2")), 1);
    expect(card?.text).toContain(
      "Báo cáo kèm 2 tin nhắn thoại (27 giây), nhưng chưa nghe được trong cuộc trò chuyện này. " +
        "Anh/chị gọi Hoàng Văn Thắng (số điện thoại 0912345678) để nghe.",
    );
    await official.whenHandled(
      official
        .chat()
        .filter((m) => m.from === "user")
        .at(-1)?.messageId ?? "",
    );
    expect(official.chat().filter((m) => m.from === "bot" && m.text?.includes("🎙"))).toEqual([]);
  });
});
