import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createZaloClient, type ZaloClient } from "../../../src/channels/zalo/client.js";
import { ZaloApiError } from "../../../src/channels/zalo/errors.js";
import { parseZaloJson } from "../../../src/channels/zalo/json.js";
import { ZALO_SECRET_HEADER } from "../../../src/channels/zalo/limits.js";
import { parseZaloUpdate, type ZaloUpdate } from "../../../src/channels/zalo/update.js";
import {
  startWebhookRecorder,
  startZaloEmulator,
  type ZaloEmulator,
  type ZaloEmulatorSettings,
} from "../../../src/testing/zalo/index.js";

let emulator: ZaloEmulator;
let client: ZaloClient;

beforeEach(async () => {
  emulator = await startZaloEmulator({ pollTimeoutSeconds: 0.05 });
  client = createZaloClient({ apiRoot: emulator.apiRoot, token: emulator.token, timeoutMs: 3000 });
});
afterEach(() => emulator.close());

async function failureOf(promise: Promise<unknown>): Promise<ZaloApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZaloApiError) return error;
    throw error;
  }
  throw new Error("the call succeeded");
}

async function update(timeoutSeconds = 0.05): Promise<ZaloUpdate> {
  const result = await client.getUpdates({ timeoutSeconds });
  if (result === undefined || "error" in result) throw new Error(`no update: ${String(result)}`);
  return result;
}

const ERROR_STYLES: ZaloEmulatorSettings["errorStyle"][] = [
  "http-status",
  "ok-false",
  "http-status-no-json",
];

describe.each(ERROR_STYLES)("failures mean the same when Zalo answers %s", (errorStyle) => {
  beforeEach(() => emulator.configure({ errorStyle }));

  it("a wrong token is unauthorized", async () => {
    const wrong = createZaloClient({ apiRoot: emulator.apiRoot, token: "123:wrong" });
    expect(await failureOf(wrong.getMe())).toMatchObject({ kind: "unauthorized", code: 401 });
  });

  it("a quota error (429) says back off", async () => {
    emulator.injectFault({ kind: "rate-limited", method: "sendMessage", times: 1 });
    const user = emulator.user({ displayName: "Hoàng Thị Mai" });
    await user.send("Chào");
    const error = await failureOf(client.sendMessage({ chatId: user.id, text: "Dạ" }));
    expect(error).toMatchObject({ kind: "rate-limited", code: 429, retryable: true });
    await client.sendMessage({ chatId: user.id, text: "Dạ" });
    expect(user.lastBotMessage()?.text).toBe("Dạ");
  });

  it("Zalo's 403 'internal server error' is transient, not a blocked user", async () => {
    emulator.injectFault({ kind: "internal-error", times: 1 });
    expect(await failureOf(client.getMe())).toMatchObject({ kind: "transient", code: 403 });
  });

  it("server errors are transient", async () => {
    emulator.injectFault({ kind: "server-error", status: 502, times: 1 });
    expect(await failureOf(client.getMe())).toMatchObject({ kind: "transient", code: 502 });
  });

  it("a send to a chat that never wrote to the bot is a bad request", async () => {
    const error = await failureOf(client.sendMessage({ chatId: "999", text: "Chào" }));
    expect(error).toMatchObject({ kind: "bad-request", code: 400, retryable: false });
  });

  it("getUpdates with nothing to hand out returns undefined", async () => {
    expect(await client.getUpdates({ timeoutSeconds: 0.05 })).toBeUndefined();
    expect(emulator.calls({ method: "getUpdates" })[0]).toMatchObject({ errorCode: 408 });
  });
});

describe("long polling", () => {
  it("hands out one update per call, in order, then nothing", async () => {
    const user = emulator.user({ displayName: "Lục Văn Dũng" });
    await user.send("một");
    await user.send("hai");
    await user.sendImage({ caption: "ảnh" });
    expect((await update()).text).toBe("một");
    expect((await update()).text).toBe("hai");
    expect(await update()).toMatchObject({
      eventName: "message.image.received",
      caption: "ảnh",
      photoUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/media\//),
    });
    expect(await client.getUpdates({ timeoutSeconds: 0.05 })).toBeUndefined();
  });

  it("delivers a message sent while a poll is waiting to that poll", async () => {
    const user = emulator.user({ displayName: "Lục Văn Dũng" });
    const polling = client.getUpdates({ timeoutSeconds: 10 });
    await user.send("đang chờ");
    expect(await polling).toMatchObject({ text: "đang chờ", from: { id: user.id } });
  });

  it("is refused while a webhook is set", async () => {
    await client.setWebhook({ url: "https://bot.example.test/zalo", secretToken: "s3cret-token" });
    expect(await failureOf(client.getUpdates({ timeoutSeconds: 0 }))).toMatchObject({
      kind: "bad-request",
      code: 400,
    });
    expect((await client.deleteWebhook()).url).toBe("");
    expect(await client.getUpdates({ timeoutSeconds: 0 })).toBeUndefined();
  });
});

describe("long ids", () => {
  it("a 19-digit id sent as a bare JSON number comes back to the same user", async () => {
    emulator.configure({ bareNumericIds: true });
    const user = emulator.user({ id: "1459232241454765289", displayName: "Bế Văn Hùng" });
    await user.send("Báo cáo");
    const received = await update();
    expect(received.from.id).toBe("1459232241454765289");
    expect(received.chat.id).toBe("1459232241454765289");
    await client.sendMessage({ chatId: received.chat.id, text: "Dạ, em nhận rồi ạ" });
    expect(user.lastBotMessage()?.text).toBe("Dạ, em nhận rồi ạ");
    expect(emulator.calls({ method: "sendMessage" })[0]?.chatId).toBe("1459232241454765289");
  });

  it("the bot's own 19-digit id survives getMe", async () => {
    emulator.configure({ bareNumericIds: true });
    const me = await client.getMe();
    expect(me.id).toBe(emulator.bot.id);
    expect(me.id).toMatch(/^\d{19}$/);
  });
});

describe("sending", () => {
  it("delivers texts, photos and typing to the user", async () => {
    const user = emulator.user({ displayName: "Đàm Thị Lan" });
    await user.send("Chào");
    await client.sendChatAction({ chatId: user.id, action: "typing" });
    const sent = await client.sendMessage({ chatId: user.id, text: "Chào chị Lan" });
    await client.sendPhoto({
      chatId: user.id,
      photo: "https://cdn.example.test/a.png",
      caption: "Mẫu",
    });
    expect(user.chat().map((m) => [m.from, m.text ?? m.photoUrl, m.caption])).toEqual([
      ["user", "Chào", undefined],
      ["bot", "Chào chị Lan", undefined],
      ["bot", "https://cdn.example.test/a.png", "Mẫu"],
    ]);
    expect(user.chat()[1]?.messageId).toBe(sent.messageId);
    expect(emulator.calls({ method: "sendChatAction", outcome: "ok" })).toHaveLength(1);
  });

  it("sends a text of exactly 2000 characters and refuses 2001 without calling Zalo", async () => {
    const user = emulator.user({ displayName: "Đàm Thị Lan" });
    await user.send("Chào");
    await client.sendMessage({ chatId: user.id, text: "a".repeat(2000) });
    const error = await failureOf(client.sendMessage({ chatId: user.id, text: "a".repeat(2001) }));
    expect(error).toMatchObject({ kind: "bad-request", code: undefined });
    expect(await failureOf(client.sendMessage({ chatId: user.id, text: "" }))).toMatchObject({
      kind: "bad-request",
    });
    expect(emulator.calls({ method: "sendMessage" })).toHaveLength(1);
  });
});

describe("network trouble", () => {
  it("a call Zalo never answers fails as transient once the client's timeout passes", async () => {
    emulator.injectFault({ kind: "timeout", method: "getMe" });
    const impatient = createZaloClient({
      apiRoot: emulator.apiRoot,
      token: emulator.token,
      timeoutMs: 200,
    });
    expect(await failureOf(impatient.getMe())).toMatchObject({
      kind: "transient",
      code: undefined,
    });
  });

  it("a dropped connection is transient", async () => {
    emulator.injectFault({ kind: "connection-reset", times: 1 });
    expect(await failureOf(client.getMe())).toMatchObject({ kind: "transient" });
  });

  it("an emulator that is gone is transient", async () => {
    await emulator.close();
    expect(await failureOf(client.getMe())).toMatchObject({ kind: "transient" });
  });

  it("an error envelope without a code takes the HTTP status", async () => {
    const proxied = createZaloClient({
      token: "1:x",
      fetch: async () => Response.json({ ok: false, description: "upstream" }, { status: 503 }),
    });
    expect(await failureOf(proxied.getMe())).toMatchObject({
      kind: "transient",
      code: 503,
      description: "upstream",
    });
  });

  it("an answer in an unknown shape is reported, not guessed at", async () => {
    const odd = createZaloClient({
      token: "1:x",
      fetch: async () => new Response('{"ok":true,"result":{"msg":"sent"}}'),
    });
    expect(await failureOf(odd.sendMessage({ chatId: "1", text: "a" }))).toMatchObject({
      kind: "unexpected-response",
    });
  });
});

describe("the token stays secret", () => {
  it("appears in no error, whatever went wrong", async () => {
    const token = emulator.token;
    const user = emulator.user({ displayName: "Đàm Thị Lan" });
    await user.send("Chào");
    const errors: ZaloApiError[] = [];
    emulator.injectFault({ kind: "server-error", method: "getMe", times: 1 });
    errors.push(await failureOf(client.getMe()));
    emulator.injectFault({ kind: "connection-reset", method: "getMe", times: 1 });
    errors.push(await failureOf(client.getMe()));
    errors.push(await failureOf(client.sendMessage({ chatId: "nobody", text: "a" })));
    const throwing = createZaloClient({
      apiRoot: emulator.apiRoot,
      token,
      fetch: async (url) => {
        throw new TypeError(`could not reach ${String(url)}`, { cause: new Error(String(url)) });
      },
    });
    errors.push(await failureOf(throwing.getMe()));
    const echoing = createZaloClient({
      token,
      fetch: async () =>
        Response.json({ ok: false, error_code: 400, description: `bad token ${token}` }),
    });
    errors.push(await failureOf(echoing.getMe()));
    for (const error of errors) {
      const everything = [error.message, error.description, error.stack, JSON.stringify(error)];
      for (const text of everything) expect(text ?? "").not.toContain(token);
    }
  });
});

describe("webhooks", () => {
  it("posts each update with the secret header, wrapped by default or bare", async () => {
    const recorder = await startWebhookRecorder();
    try {
      const secretToken = "a-long-enough-secret";
      const set = await client.setWebhook({ url: recorder.url, secretToken });
      expect(set.url).toBe(recorder.url);
      expect((await client.getWebhookInfo()).url).toBe(recorder.url);
      const user = emulator.user({ displayName: "Nông Thị Hoa" });
      await user.send("Xin chào");
      emulator.configure({ webhookBody: "bare" });
      await user.send("Lần hai");
      const [wrapped, bare] = await recorder.waitForRequests(2);
      for (const request of [wrapped, bare]) {
        expect(request?.headers[ZALO_SECRET_HEADER.toLowerCase()]).toBe(secretToken);
      }
      expect(parseZaloJson(wrapped?.body ?? "")).toMatchObject({ ok: true });
      expect(parseZaloJson(bare?.body ?? "")).not.toHaveProperty("ok");
      expect(parseZaloUpdate(parseZaloJson(wrapped?.body ?? ""))).toMatchObject({
        text: "Xin chào",
      });
      expect(parseZaloUpdate(parseZaloJson(bare?.body ?? ""))).toMatchObject({ text: "Lần hai" });
    } finally {
      await recorder.close();
    }
  });

  it("refuses a secret shorter than 8 characters before calling Zalo", async () => {
    const error = await failureOf(
      client.setWebhook({ url: "https://a.test/", secretToken: "short" }),
    );
    expect(error.kind).toBe("bad-request");
    expect(emulator.calls({ method: "setWebhook" })).toHaveLength(0);
  });
});
