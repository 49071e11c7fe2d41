import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatMenus } from "../../../src/channels/chat-menus.js";
import { createZaloClient } from "../../../src/channels/zalo/client.js";
import { createZaloSender, zaloDeliveryChannel } from "../../../src/channels/zalo/sender.js";
import { zaloReply } from "../../../src/channels/zalo/zalo-reply.js";
import { queuedReply } from "../../../src/features/queued-reply.js";
import { createI18n } from "../../../src/i18n.js";
import { silentLogger } from "../../../src/logger.js";
import type { Reply } from "../../../src/messaging/reply.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import {
  startZaloEmulator,
  type ZaloEmulator,
  type ZaloEmulatorUser,
} from "../../../src/testing/zalo/index.js";
import { member, setUpDelivery } from "../../delivery/fixtures.js";
import { tempDir } from "../../support/processes.js";

const vi = createI18n("vi").getFixedT("vi");
let emulator: ZaloEmulator;
let user: ZaloEmulatorUser;
let reply: Reply;
let menus: ChatMenus;
let waits: number[];
let stopWorker: (() => Promise<void>) | undefined;

beforeEach(async () => {
  emulator = await startZaloEmulator();
  const client = createZaloClient({
    apiRoot: emulator.apiRoot,
    token: emulator.token,
    timeoutMs: 2000,
  });
  menus = new ChatMenus((await openLowStore(await tempDir())).chatMenus, () => new Date(), "zalo");
  waits = [];
  user = emulator.user({ displayName: "Hoa" });
  await user.send("xin chào");
  reply = zaloReply(user.id, {
    client,
    menus,
    translatorFor: async () => vi,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
});
afterEach(async () => {
  await stopWorker?.();
  stopWorker = undefined;
  await emulator.close();
});

const botTexts = () =>
  user
    .chat()
    .filter((m) => m.from === "bot")
    .map((m) => m.text ?? "");

describe("replying on Zalo", () => {
  it("has no buttons", () => {
    expect(reply.buttons).toBe(false);
  });

  it("splits a 2,500-character reply into messages of at most 2000, in order", async () => {
    const sentences = Array.from({ length: 50 }, (_, i) => `Câu số ${i + 1} về đường bê tông.`);
    const text = sentences.join(" ").repeat(3);
    expect(text.length).toBeGreaterThan(2500);
    const sent = await reply.send({ text });
    const texts = botTexts();
    expect(texts.length).toBe(Math.ceil(text.length / 2000));
    for (const part of texts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(texts.join(" ")).toBe(text);
    expect(sent.messageId).toBe(user.lastBotMessage()?.messageId);
  });

  it("waits and tries again after a 429 or Zalo's 403, with growing waits", async () => {
    emulator.injectFault({ kind: "internal-error", method: "sendMessage", times: 2 });
    await reply.send({ text: "Đã nhận báo cáo." });
    expect(botTexts()).toEqual(["Đã nhận báo cáo."]);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0);
    // Zalo's 429 names no wait: a longer one than for a passing fault.
    emulator.injectFault({ kind: "rate-limited", method: "sendMessage", times: 1 });
    await reply.send({ text: "Cảm ơn anh/chị!" });
    expect(botTexts()).toEqual(["Đã nhận báo cáo.", "Cảm ơn anh/chị!"]);
    expect(waits[2]).toBeGreaterThan(waits[0] ?? 0);
  });

  it("gives up after a few tries, and never retries a refused message", async () => {
    emulator.injectFault({ kind: "internal-error", method: "sendMessage" });
    // Refused for now: the router queues it through the outbox.
    await expect(reply.send({ text: "x" })).rejects.toMatchObject({
      failure: { kind: "transient" },
    });
    expect(waits).toHaveLength(3);
    emulator.clearFaults();
    waits.length = 0;
    const stranger = emulator.user({ displayName: "Chưa nhắn" });
    const toStranger = zaloReply(stranger.id, {
      client: createZaloClient({ apiRoot: emulator.apiRoot, token: emulator.token }),
      menus,
      translatorFor: async () => vi,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await expect(toStranger.send({ text: "x" })).rejects.toMatchObject({
      failure: { kind: "permanent" },
    });
    expect(waits).toHaveLength(0);
  });

  it("sends an edit as a new message, and an acknowledgement's notice as a message", async () => {
    const first = await reply.send({ text: "Câu hỏi một" });
    await reply.edit(first.messageId, { text: "Câu hỏi một (đã chọn)" });
    await reply.acknowledge();
    await reply.acknowledge("Câu hỏi này đã đóng.");
    expect(botTexts()).toEqual(["Câu hỏi một", "Câu hỏi một (đã chọn)", "Câu hỏi này đã đóng."]);
  });

  it("remembers the menu it showed, and forgets it with the next message without one", async () => {
    await reply.send({
      text: "Ngôn ngữ?",
      choices: [
        [
          { data: "lang:vi", label: "Tiếng Việt" },
          { data: "lang:en", label: "English" },
        ],
      ],
    });
    expect(
      (
        await menus.read({
          channel: "zalo" as const,
          chatId: user.id,
          updateId: "u",
          receivedAt: new Date(),
          kind: "text" as const,
          text: "2",
        })
      ).choice?.data,
    ).toBe("lang:en");
    await reply.send({ text: "Đường bê tông mới được bao nhiêu mét?" });
    expect(
      (
        await menus.read({
          channel: "zalo" as const,
          chatId: user.id,
          updateId: "u",
          receivedAt: new Date(),
          kind: "text" as const,
          text: "2",
        })
      ).kind,
    ).toBe("text");
  });

  it("refused after its first part went out, sends later only the parts that did not", async () => {
    const sentences = Array.from({ length: 50 }, (_, i) => `Câu số ${i + 1} về đường bê tông.`);
    const text = sentences.join(" ").repeat(2);
    expect(text.length).toBeGreaterThan(2000);
    const setup = await setUpDelivery({
      channels: [],
      members: [member("hoa", ["zalo", user.id])],
    });
    stopWorker = () => setup.worker.stop();
    const inbound = {
      channel: "zalo" as const,
      chatId: user.id,
      updateId: "u-1",
      receivedAt: new Date(),
      kind: "text" as const,
      text: "báo cáo",
    };
    // Answered as the router answers: what Zalo refuses for now goes through the outbox.
    const patient = queuedReply(reply, { memberId: "hoa", inbound }, setup.outbox, silentLogger());

    // Zalo takes the first part, then refuses everything for now.
    const outage = emulator.injectFault({ kind: "server-error", method: "sendMessage", after: 1 });
    await patient.send({ text });
    expect(botTexts()).toHaveLength(1);

    outage.remove();
    const client = createZaloClient({ apiRoot: emulator.apiRoot, token: emulator.token });
    const sender = createZaloSender({ client, menus, translatorFor: async () => vi });
    setup.worker.register({ ...zaloDeliveryChannel(sender, 100), perChatIntervalMs: 0 });
    await setup.worker.start();
    await setup.worker.whenIdle();
    // Every part once, in order: the first is not sent again.
    const texts = botTexts();
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join(" ")).toBe(text);
  });
});
