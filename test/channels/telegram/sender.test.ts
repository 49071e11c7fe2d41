import { execFile } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { TelegramSender } from "../../../src/channels/telegram/sender.js";
import { SendError, type SendFailure } from "../../../src/messaging/sender.js";
import {
  generatePng,
  startTelegramEmulator,
  type TelegramEmulator,
  type TelegramEmulatorOptions,
} from "../../../src/testing/telegram/index.js";
import { compiled } from "../../support/processes.js";

let emulator: TelegramEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setUp(options: TelegramEmulatorOptions = {}) {
  emulator = await startTelegramEmulator({ rateLimits: false, ...options });
  emulator.declareChat({ id: 1001 });
  const sender = new TelegramSender({ token: emulator.token, apiRoot: emulator.apiRoot });
  return { emulator, sender };
}

async function failureOf(promise: Promise<unknown>): Promise<SendFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SendError);
  return (error as SendError).failure;
}

describe("the Telegram sender", () => {
  it("sends plain text exactly as written, with bold phrases and buttons", async () => {
    const { emulator, sender } = await setUp();
    const text = "Chị <Hoa & Nam> ơi: báo cáo tuần 48 chưa gửi.";
    const sent = await sender.send("1001", {
      text,
      bold: ["báo cáo tuần 48"],
      choices: [[{ data: "report:start", label: "Báo cáo ngay" }]],
    });
    const [message] = emulator.chat(1001);
    expect(message?.text).toBe(text);
    expect(String(message?.messageId)).toBe(sent.messageId);
    expect(message?.buttons).toEqual([["Báo cáo ngay"]]);
    expect(message?.entities).toEqual([
      expect.objectContaining({
        type: "bold",
        offset: text.indexOf("báo cáo"),
        length: "báo cáo tuần 48".length,
      }),
    ]);
  });

  it("sends a photo with its caption, and a caption too long for Telegram as a text after it", async () => {
    const { emulator, sender } = await setUp();
    const photo = {
      kind: "photo" as const,
      fileName: "chart.png",
      mimeType: "image/png",
      bytes: generatePng(3),
    };
    await sender.send("1001", { text: "Biểu đồ tuần 48", file: photo });
    await sender.send("1001", { text: "Dài. ".repeat(300), file: photo });
    const chat = emulator.chat(1001);
    expect(chat.map((m) => Boolean(m.photo))).toEqual([true, true, false]);
    expect(chat[0]?.caption).toBe("Biểu đồ tuần 48");
    expect(chat[1]?.caption).toBeUndefined();
    expect(chat[2]?.text.trim()).toBe("Dài. ".repeat(300).trim());
  });

  it("sends a spreadsheet as a document with its name", async () => {
    const { emulator, sender } = await setUp();
    await sender.send("1001", {
      text: "Tổng hợp tuần 48",
      file: {
        kind: "document",
        fileName: "tong-hop-2026-W48.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes: new Uint8Array([80, 75, 3, 4, 1, 2, 3]),
      },
    });
    expect(emulator.chat(1001)[0]?.document?.fileName).toBe("tong-hop-2026-W48.xlsx");
  });

  it("reports a user who blocked the bot, and a chat that does not exist, as unreachable", async () => {
    const { emulator, sender } = await setUp();
    emulator.blockChat(1001);
    expect(await failureOf(sender.send("1001", { text: "x" }))).toMatchObject({
      kind: "unreachable",
      reason: expect.stringContaining("blocked"),
    });
    expect(await failureOf(sender.send("999999", { text: "x" }))).toMatchObject({
      kind: "unreachable",
      reason: expect.stringContaining("chat not found"),
    });
  });

  it("passes a 429 on with its retry_after, without retrying it itself", async () => {
    const { emulator, sender } = await setUp({
      faults: { tooManyRequests: 1, retryAfterSeconds: 7 },
    });
    expect(await failureOf(sender.send("1001", { text: "x" }))).toEqual({
      kind: "rate-limited",
      retryAfterMs: 7000,
    });
    expect(emulator.calls({ method: "sendMessage" }).length).toBe(1);
  });

  it("counts server errors (JSON or an HTML gateway page) and connection resets as transient", async () => {
    const { emulator, sender } = await setUp({ faults: { serverError: 1, seed: 3 } });
    for (let i = 0; i < 6; i++) {
      expect((await failureOf(sender.send("1001", { text: "x" }))).kind).toBe("transient");
    }
    const codes = new Set(emulator.calls({ method: "sendMessage" }).map((c) => c.errorCode));
    expect(codes).toEqual(new Set([500, 502]));
    emulator.configureFaults({ serverError: 0, resetBeforeSend: 1 });
    expect((await failureOf(sender.send("1001", { text: "x" }))).kind).toBe("transient");
  });

  it("counts an answer that is not the Bot API's (a proxy's own JSON) as transient, not as a refusal", async () => {
    const proxy = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "maintenance" }));
    });
    proxy.listen(0, "127.0.0.1");
    await once(proxy, "listening");
    try {
      const { port } = proxy.address() as AddressInfo;
      const sender = new TelegramSender({ token: "1:a", apiRoot: `http://127.0.0.1:${port}` });
      expect(await failureOf(sender.send("1001", { text: "x" }))).toMatchObject({
        kind: "transient",
      });
    } finally {
      proxy.closeAllConnections();
      proxy.close();
    }
  });

  it("gives up on a call left unanswered past its timeout, as transient, and sends on", async () => {
    emulator = await startTelegramEmulator({ rateLimits: false });
    emulator.declareChat({ id: 1001 });
    emulator.declareChat({ id: 1002 });
    const sender = new TelegramSender({
      token: emulator.token,
      apiRoot: emulator.apiRoot,
      timeoutSeconds: 1,
    });
    emulator.holdChat(1001);
    expect(await failureOf(sender.send("1001", { text: "Chờ mãi" }))).toMatchObject({
      kind: "transient",
    });
    await sender.send("1002", { text: "Vẫn gửi được" });
    expect(emulator.chat(1002).map((m) => m.text)).toEqual(["Vẫn gửi được"]);
  });

  it("loads its HTTP client on its first send, not when the bot starts", async () => {
    const sender = pathToFileURL(compiled("src/channels/telegram/sender.js")).href;
    const script = `
      import { createRequire } from "node:module";
      const { TelegramSender } = await import(${JSON.stringify(sender)});
      new TelegramSender({ token: "1:a", apiRoot: "http://127.0.0.1:9" });
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(loaded.some((file) => file.includes("/node_modules/undici/")));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--input-type=module",
      "-e",
      script,
    ]);
    expect(stdout.trim()).toBe("false");
  });

  it("counts a message Telegram refuses as permanent", async () => {
    const { sender } = await setUp();
    expect(await failureOf(sender.send("1001", { text: "x".repeat(4097) }))).toMatchObject({
      kind: "permanent",
      reason: expect.stringContaining("too long"),
    });
  });

  it("deletes a sent message, and counts one already gone as deleted (a recall after a crash)", async () => {
    const { emulator, sender } = await setUp();
    const { messageId } = await sender.send("1001", { text: "Tin nhầm" });
    expect(await sender.delete("1001", messageId)).toBe(true);
    expect(emulator.chat(1001)).toEqual([]);
    expect(await sender.delete("1001", messageId)).toBe(true);
    expect(emulator.calls({ method: "deleteMessage", outcome: "400" })).toHaveLength(1);
  });
});
