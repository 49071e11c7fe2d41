import { Api, type Context } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { telegramLongData } from "../../../src/channels/telegram/create-bot.js";
import { telegramReply } from "../../../src/channels/telegram/telegram-reply.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import {
  startTelegramEmulator,
  type TelegramEmulator,
} from "../../../src/testing/telegram/index.js";
import { tempDir } from "../../support/processes.js";

let emulator: TelegramEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A person's chat, and the reply grammY would hand the bot for an update from them. */
async function setUp() {
  emulator = await startTelegramEmulator({ rateLimits: false });
  const user = emulator.user({ firstName: "Hoa" });
  const api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
  // Only what telegramReply reads of an update's context: its chat and the API.
  const ctx = { chat: { id: user.id }, api } as unknown as Context;
  const store = await openLowStore(await tempDir());
  const longData = telegramLongData({ store, now: () => new Date(), random: Math.random });
  return { user, api, longData, reply: telegramReply(ctx, longData) };
}

const botTexts = (user: { chat(): { from: string; text: string }[] }) =>
  user
    .chat()
    .filter((m) => m.from === "bot")
    .map((m) => m.text);

describe("editing a reply on Telegram", () => {
  it("changes the question in place, buttons and all", async () => {
    const { user, reply } = await setUp();
    const sent = await reply.send({
      text: "Nhóm nào?",
      choices: [[{ data: "a", label: "Nhà ở" }]],
    });
    const edited = await reply.edit(sent.messageId, {
      text: "Nhóm nào?",
      choices: [[{ data: "a", label: "Nhà ở", selected: true }]],
    });
    expect(edited.messageId).toBe(sent.messageId);
    expect(user.chat().map((m) => m.buttons)).toEqual([[["✓ Nhà ở"]]]);
  });

  it("sends a choice whose data passes Telegram's 64 bytes by reference, read back whole", async () => {
    const { user, reply, longData } = await setUp();
    const long = `d:ab12cd:${"đ".repeat(40)}`;
    await reply.send({ text: "Xóm nào?", choices: [[{ data: long, label: "Xóm Nam Phong 2" }]] });
    const carried = user.chat()[0]?.inlineKeyboard[0]?.[0]?.callback_data ?? "";
    expect(Buffer.byteLength(carried, "utf8")).toBeLessThanOrEqual(64);
    expect(await longData.read(String(user.id), carried)).toBe(long);
  });

  it("takes an edit to the same text as done, without sending it again", async () => {
    const { user, reply } = await setUp();
    const sent = await reply.send({ text: "Cảm ơn anh/chị." });
    const edited = await reply.edit(sent.messageId, { text: "Cảm ơn anh/chị." });
    expect(edited.messageId).toBe(sent.messageId);
    expect(botTexts(user)).toEqual(["Cảm ơn anh/chị."]);
  });

  it("sends the text as a new message when the old one is gone", async () => {
    const { user, api, reply } = await setUp();
    const sent = await reply.send({ text: "Câu hỏi cũ" });
    await api.deleteMessage(user.id, Number(sent.messageId));
    const edited = await reply.edit(sent.messageId, { text: "Câu hỏi mới" });
    expect(edited.messageId).not.toBe(sent.messageId);
    expect(botTexts(user)).toEqual(["Câu hỏi mới"]);
  });

  it("sends a text too long for one message as new messages, every word kept", async () => {
    const { user, reply } = await setUp();
    const sent = await reply.send({ text: "Bảng ngắn" });
    const long = Array.from({ length: 900 }, (_, i) => `xóm${i}`).join(" ");
    await reply.edit(sent.messageId, { text: long });
    const texts = botTexts(user);
    expect(texts[0]).toBe("Bảng ngắn");
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.slice(1).join(" ").split(/\s+/)).toEqual(long.split(" "));
  });
});
