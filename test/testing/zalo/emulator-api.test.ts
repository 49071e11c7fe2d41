import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createZaloClient, type ZaloClient } from "../../../src/channels/zalo/client.js";
import { parseZaloJson } from "../../../src/channels/zalo/json.js";
import { parseZaloUpdate } from "../../../src/channels/zalo/update.js";
import {
  startWebhookRecorder,
  startZaloEmulator,
  type ZaloEmulator,
} from "../../../src/testing/zalo/index.js";

let emulator: ZaloEmulator;
let client: ZaloClient;

beforeEach(async () => {
  emulator = await startZaloEmulator({ pollTimeoutSeconds: 0.05 });
  client = createZaloClient({ apiRoot: emulator.apiRoot, token: emulator.token });
});
afterEach(() => emulator.close());

/** Calls the emulator the way any HTTP client would, returning status and raw body. */
async function post(method: string, params: unknown = {}, token = emulator.token) {
  const response = await fetch(`${emulator.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    text: await response.text(),
  };
}

describe("the wire, as the Zalo Bot API writes it", () => {
  it("answers an unknown token with 401 and an unknown path with 404", async () => {
    expect(await post("getMe", {}, "1:nope")).toMatchObject({ status: 401 });
    const response = await fetch(`${emulator.apiRoot}/v2/getMe`);
    expect(response.status).toBe(404);
  });

  it("writes errors in the configured style", async () => {
    const tooLong = { chat_id: "1", text: "a".repeat(2001) };
    const httpStatus = await post("sendMessage", tooLong);
    expect(httpStatus.status).toBe(400);
    expect(JSON.parse(httpStatus.text)).toMatchObject({ ok: false, error_code: 400 });

    emulator.configure({ errorStyle: "ok-false" });
    const okFalse = await post("sendMessage", tooLong);
    expect(okFalse.status).toBe(200);
    expect(JSON.parse(okFalse.text)).toMatchObject({ ok: false, error_code: 400 });

    emulator.configure({ errorStyle: "http-status-no-json" });
    const noJson = await post("sendMessage", tooLong);
    expect(noJson.status).toBe(400);
    expect(noJson.type).toMatch(/^text\/plain/);
  });

  it("honours getUpdates' timeout given as a string", async () => {
    expect(JSON.parse((await post("getUpdates", { timeout: "0" })).text)).toMatchObject({
      ok: false,
      error_code: 408,
    });
    const user = emulator.user({ displayName: "Hà Văn Sơn" });
    const waiting = post("getUpdates", { timeout: "10" });
    await user.send("Có tôi đây");
    const answer = JSON.parse((await waiting).text);
    expect(answer).toMatchObject({ ok: true, result: { message: { text: "Có tôi đây" } } });
    expect(Array.isArray(answer.result)).toBe(false);
  });

  it("can write all-digit ids as bare JSON numbers", async () => {
    emulator.configure({ bareNumericIds: true });
    const user = emulator.user({ id: "8123456789012345678", displayName: "Hà Văn Sơn" });
    await user.send("1");
    const { text } = await post("getUpdates", { timeout: "0" });
    expect(text).toContain('"id":8123456789012345678');
    expect(parseZaloJson(text)).toMatchObject({
      result: { message: { chat: { id: "8123456789012345678" } } },
    });
  });

  it("accepts chat_id sent as a bare number without rounding it", async () => {
    const user = emulator.user({ id: "8123456789012345678", displayName: "Hà Văn Sơn" });
    await user.send("1");
    const response = await fetch(`${emulator.apiRoot}/bot${emulator.token}/sendMessage`, {
      method: "POST",
      body: '{"chat_id":8123456789012345678,"text":"Dạ"}',
    });
    expect(response.status).toBe(200);
    expect(user.lastBotMessage()?.text).toBe("Dạ");
  });

  it("reports sticker and withheld messages with their own events, and images in either field", async () => {
    const user = emulator.user({ displayName: "Hà Văn Sơn" });
    await user.sendSticker();
    await user.sendUnsupported();
    emulator.configure({ imageField: "photo" });
    await user.sendImage({ url: "https://cdn.example.test/x.jpg" });
    const events = [];
    for (let i = 0; i < 3; i += 1) events.push(JSON.parse((await post("getUpdates")).text).result);
    expect(events.map((event) => event.event_name)).toEqual([
      "message.sticker.received",
      "message.unsupported.received",
      "message.image.received",
    ]);
    expect(events[2].message.photo).toBe("https://cdn.example.test/x.jpg");
  });
});

describe("webhooks", () => {
  it("wants https, except plain http on loopback, and a secret of 8 to 256 characters", async () => {
    const secret = "s3cret-token";
    expect(
      (await post("setWebhook", { url: "http://bot.example.test/z", secret_token: secret })).status,
    ).toBe(400);
    expect(
      (await post("setWebhook", { url: "http://127.0.0.1:9/z", secret_token: secret })).status,
    ).toBe(200);
    expect(
      (await post("setWebhook", { url: "https://bot.example.test/z", secret_token: secret }))
        .status,
    ).toBe(200);
    for (const secretToken of ["x".repeat(7), "x".repeat(257)]) {
      const answer = await post("setWebhook", {
        url: "https://a.test/",
        secret_token: secretToken,
      });
      expect(answer.status).toBe(400);
    }
    expect(emulator.webhook()).toEqual({ url: "https://bot.example.test/z", secretToken: secret });
  });

  it("never posts to a webhook off this machine, and says so", async () => {
    await client.setWebhook({ url: "https://bot.example.test/z", secretToken: "s3cret-token" });
    const user = emulator.user({ displayName: "Hà Văn Sơn" });
    await user.send("Chào");
    expect(emulator.webhookDeliveries()).toEqual([
      expect.objectContaining({ url: "https://bot.example.test/z", error: expect.any(String) }),
    ]);
  });

  it("redelivers the same update, same message id, to the webhook", async () => {
    const recorder = await startWebhookRecorder();
    try {
      await client.setWebhook({ url: recorder.url, secretToken: "s3cret-token" });
      const messageId = await emulator.user({ displayName: "Hà Văn Sơn" }).send("Báo cáo");
      await emulator.redeliver(messageId);
      const requests = await recorder.waitForRequests(2);
      const updates = requests.map((r) => parseZaloUpdate(parseZaloJson(r.body)));
      expect(updates).toEqual([
        expect.objectContaining({ messageId }),
        expect.objectContaining({ messageId }),
      ]);
      expect(emulator.webhookDeliveries().map((d) => d.status)).toEqual([200, 200]);
    } finally {
      await recorder.close();
    }
  });

  it("redelivers the same update to long polling", async () => {
    const messageId = await emulator.user({ displayName: "Hà Văn Sơn" }).send("Báo cáo");
    await emulator.redeliver(messageId);
    const first = await client.getUpdates({ timeoutSeconds: 0 });
    const second = await client.getUpdates({ timeoutSeconds: 0 });
    expect(first).toMatchObject({ messageId });
    expect(second).toEqual(first);
  });
});

describe("sends", () => {
  it("refuses a chat whose user never wrote, unless told to accept any chat", async () => {
    const shy = emulator.user({ displayName: "Chưa nhắn" });
    expect((await post("sendMessage", { chat_id: shy.id, text: "Chào" })).status).toBe(400);
    emulator.configure({ unknownChat: "accept" });
    expect((await post("sendMessage", { chat_id: shy.id, text: "Chào" })).status).toBe(200);
    expect((await post("sendMessage", { chat_id: "42", text: "Chào" })).status).toBe(200);
    expect(shy.chat().map((m) => m.text)).toEqual(["Chào"]);
  });

  it("checks photos only on loopback, and only when asked", async () => {
    const recorder = await startWebhookRecorder();
    try {
      const user = emulator.user({ displayName: "Hà Văn Sơn" });
      await user.send("Xin ảnh");
      emulator.configure({ verifyPhotos: true });
      const send = (photo: string) => post("sendPhoto", { chat_id: user.id, photo });
      expect((await send(emulator.imageUrl("chart"))).status).toBe(200);
      expect((await send(recorder.url)).status).toBe(400);
      // .invalid never resolves: a 200 shows that nothing tried to fetch it.
      expect((await send("https://photos.invalid/a.png")).status).toBe(200);
      expect(
        user
          .chat()
          .filter((m) => m.kind === "photo")
          .map((m) => m.photoUrl),
      ).toEqual([emulator.imageUrl("chart"), "https://photos.invalid/a.png"]);
    } finally {
      await recorder.close();
    }
  });

  it("with a send rate, answers 429 beyond it and delivers none of those", async () => {
    const user = emulator.user({ displayName: "Hà Văn Sơn" });
    await user.send("Chào");
    emulator.configure({ sendRate: { perSecond: 3 } });
    const sends = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => post("sendMessage", { chat_id: user.id, text: `Tin ${n}` })),
    );
    expect(sends.map((send) => send.status).sort()).toEqual([200, 200, 200, 429, 429]);
    expect(user.chat().filter((m) => m.from === "bot")).toHaveLength(3);
  });

  it("knows only the typing action", async () => {
    const user = emulator.user({ displayName: "Hà Văn Sơn" });
    await user.send("1");
    const action = (name: string) => post("sendChatAction", { chat_id: user.id, action: name });
    expect((await action("typing")).status).toBe(200);
    expect((await action("upload_photo")).status).toBe(400);
  });
});
