import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatMenus } from "../../../src/channels/chat-menus.js";
import { createZaloClient } from "../../../src/channels/zalo/client.js";
import {
  createZaloSender,
  ZALO_UNREACHABLE_AFTER_FAILURE_DAYS,
  zaloDeliveryChannel,
} from "../../../src/channels/zalo/sender.js";
import { createI18n } from "../../../src/i18n.js";
import { SendError, type SendFailure } from "../../../src/messaging/sender.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { startZaloEmulator, type ZaloEmulator } from "../../../src/testing/zalo/index.js";
import { tempDir } from "../../support/processes.js";

const vi = createI18n("vi").getFixedT("vi");
let emulator: ZaloEmulator;
let sender: ReturnType<typeof createZaloSender>;
let menus: ChatMenus;

beforeEach(async () => {
  emulator = await startZaloEmulator();
  const client = createZaloClient({
    apiRoot: emulator.apiRoot,
    token: emulator.token,
    timeoutMs: 2000,
  });
  menus = new ChatMenus((await openLowStore(await tempDir())).chatMenus, () => new Date(), "zalo");
  sender = createZaloSender({ client, menus, translatorFor: async () => vi });
});
afterEach(() => emulator.close());

async function failureOf(promise: Promise<unknown>): Promise<SendFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SendError) return error.failure;
    throw error;
  }
  throw new Error("the send succeeded");
}

async function knownUser() {
  const user = emulator.user({ displayName: "Hoa" });
  await user.send("xin chào");
  return user;
}

describe("the Zalo sender for the delivery engine", () => {
  it("sends a text to the chat and returns Zalo's message id", async () => {
    const user = await knownUser();
    const sent = await sender.send(user.id, { text: "Xóm Nam Phong 2 chưa có báo cáo tuần này." });
    expect(user.lastBotMessage()).toMatchObject({
      messageId: sent.messageId,
      text: "Xóm Nam Phong 2 chưa có báo cáo tuần này.",
    });
  });

  it("numbers a reminder's choice, so that typing its number picks it", async () => {
    const user = await knownUser();
    await sender.send(user.id, {
      text: "Anh/chị dành một phút báo cáo nhé.",
      choices: [[{ data: "menu:report", label: "Báo cáo ngay" }]],
    });
    expect(user.lastBotMessage()?.text).toContain("1. Báo cáo ngay");
    expect(
      (
        await menus.read({
          channel: "zalo" as const,
          chatId: user.id,
          updateId: "u",
          receivedAt: new Date(),
          kind: "text" as const,
          text: "1",
        })
      ).choice?.data,
    ).toBe("menu:report");
  });

  it("asks to slow down on 429 for 2 s, doubling while 429s continue, and starts over after a success", async () => {
    const user = await knownUser();
    emulator.injectFault({ kind: "rate-limited", method: "sendMessage", times: 2 });
    expect(await failureOf(sender.send(user.id, { text: "a" }))).toEqual({
      kind: "rate-limited",
      retryAfterMs: 2000,
    });
    expect(await failureOf(sender.send(user.id, { text: "a" }))).toEqual({
      kind: "rate-limited",
      retryAfterMs: 4000,
    });
    await sender.send(user.id, { text: "a" });
    emulator.injectFault({ kind: "rate-limited", method: "sendMessage", times: 1 });
    expect(await failureOf(sender.send(user.id, { text: "a" }))).toEqual({
      kind: "rate-limited",
      retryAfterMs: 2000,
    });
  });

  it("takes Zalo's 403, a 5xx and a dropped connection as transient, never as blocked", async () => {
    const user = await knownUser();
    for (const fault of [
      { kind: "internal-error" as const },
      { kind: "server-error" as const, status: 502 },
      { kind: "connection-reset" as const },
    ]) {
      emulator.injectFault({ ...fault, method: "sendMessage", times: 1 });
      expect((await failureOf(sender.send(user.id, { text: "a" }))).kind, fault.kind).toBe(
        "transient",
      );
    }
  });

  it("takes a 400 (a chat that never wrote to the bot) as permanent, counted toward unreachable", async () => {
    const stranger = emulator.user({ displayName: "Chưa nhắn" });
    expect((await failureOf(sender.send(stranger.id, { text: "a" }))).kind).toBe("permanent");
    const lane = zaloDeliveryChannel(sender, 10);
    expect(lane.unreachableAfterFailureDays).toBe(ZALO_UNREACHABLE_AFTER_FAILURE_DAYS);
    expect(ZALO_UNREACHABLE_AFTER_FAILURE_DAYS).toBe(3);
    expect(lane.sender.maxTextLength).toBe(2000);
  });
});
