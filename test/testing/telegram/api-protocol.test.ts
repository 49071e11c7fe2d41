import { Api, GrammyError, InlineKeyboard } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import {
  createManualClock,
  DELETE_WINDOW_MS,
  startTelegramEmulator,
  type TelegramEmulator,
} from "../../../src/testing/telegram/index.js";

let emulator: TelegramEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: Parameters<typeof startTelegramEmulator>[0] = {}) {
  emulator = await startTelegramEmulator({ rateLimits: false, ...options });
  return { emulator, api: new Api(emulator.token, { apiRoot: emulator.apiRoot }) };
}

async function rejection(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError))
    throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

describe("the emulator speaks the Bot API's envelopes", () => {
  it("answers a wrong token with 401 Unauthorized and an unknown method with 404 Not Found", async () => {
    const { emulator } = await start();
    const wrong = await fetch(`${emulator.apiRoot}/bot123:wrong/getMe`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
    const unknown = await fetch(`${emulator.apiRoot}/bot${emulator.token}/sendTelepathy`);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
    expect(emulator.calls().map((c) => c.outcome)).toEqual(["401", "404"]);
  });

  it("accepts JSON, url-encoded and multipart bodies alike", async () => {
    const { emulator } = await start();
    const user = emulator.user({ id: 501, firstName: "Hoa" });
    const url = `${emulator.apiRoot}/bot${emulator.token}/sendMessage`;
    const markup = JSON.stringify({ inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] });
    await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: 501, text: "json" }),
    });
    await fetch(url, {
      method: "POST",
      body: new URLSearchParams({ chat_id: "501", text: "form", reply_markup: markup }),
    });
    const form = new FormData();
    form.set("chat_id", "501");
    form.set("text", "multipart");
    await fetch(url, { method: "POST", body: form });
    expect(user.chat().map((m) => [m.text, m.buttons])).toEqual([
      ["json", []],
      ["form", [["OK"]]],
      ["multipart", []],
    ]);
  });

  it("numbers messages per chat in order and dates them in seconds of the emulator clock", async () => {
    const clock = createManualClock(Date.UTC(2026, 10, 23, 1, 0, 0));
    const { emulator, api } = await start({ clock });
    const user = emulator.user({ id: 502, firstName: "Nam" });
    const other = emulator.user({ id: 503, firstName: "Lan" });
    user.send("hi");
    const first = await api.sendMessage(502, "one");
    const second = await api.sendMessage(502, "two");
    const elsewhere = await api.sendMessage(503, "one");
    expect([first.message_id, second.message_id, elsewhere.message_id]).toEqual([2, 3, 1]);
    expect(first.date).toBe(Date.UTC(2026, 10, 23, 1, 0, 0) / 1000);
    expect(other.chat()).toHaveLength(1);
  });

  it("refuses text over 4096 characters and callback data over 64 bytes like Telegram", async () => {
    const { emulator, api } = await start();
    emulator.user({ id: 504, firstName: "Hoa" });
    await api.sendMessage(504, "a".repeat(4096));
    const long = await rejection(api.sendMessage(504, "a".repeat(4097)));
    expect([long.error_code, long.description]).toEqual([400, "Bad Request: message is too long"]);
    const button = await rejection(
      api.sendMessage(504, "pick", {
        reply_markup: new InlineKeyboard().text("x", "đ".repeat(33)),
      }),
    );
    expect(button.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    const html = await rejection(api.sendMessage(504, "<b>open", { parse_mode: "HTML" }));
    expect(html.description).toMatch(/^Bad Request: can't parse entities/);
  });

  it("says chat not found for chats nobody declared, unless told to create them", async () => {
    const strict = await start();
    const missing = await rejection(strict.api.sendMessage(999, "hello"));
    expect(missing.description).toBe("Bad Request: chat not found");
    strict.emulator.declareChat({ id: 999 });
    await strict.api.sendMessage(999, "hello");
    await strict.emulator.close();

    const lenient = await start({ unknownChats: "create" });
    await lenient.api.sendMessage(1234, "hello");
    expect(lenient.emulator.chat(1234).map((m) => m.text)).toEqual(["hello"]);
  });

  it("answers 'message is not modified' when an edit changes nothing", async () => {
    const { emulator, api } = await start();
    emulator.user({ id: 505, firstName: "Hoa" });
    const sent = await api.sendMessage(505, "same");
    const error = await rejection(api.editMessageText(505, sent.message_id, "same"));
    expect(error.description).toMatch(/^Bad Request: message is not modified/);
  });

  it("deletes only within 48 hours of sending, by the emulator's clock", async () => {
    const clock = createManualClock();
    const { emulator, api } = await start({ clock });
    const user = emulator.user({ id: 506, firstName: "Hoa" });
    const early = await api.sendMessage(506, "early");
    const late = await api.sendMessage(506, "late");
    expect(await api.deleteMessage(506, early.message_id)).toBe(true);
    expect(user.chat().map((m) => m.text)).toEqual(["late"]);
    clock.advance(DELETE_WINDOW_MS);
    const error = await rejection(api.deleteMessage(506, late.message_id));
    expect(error.description).toBe("Bad Request: message can't be deleted");
    expect(user.chat({ includeDeleted: true }).map((m) => [m.text, m.deleted])).toEqual([
      ["early", true],
      ["late", false],
    ]);
  });

  it("stores commands per scope and language", async () => {
    const { emulator, api } = await start();
    await api.setMyCommands([{ command: "report", description: "Báo cáo tuần" }], {
      language_code: "vi",
    });
    await api.setMyCommands([{ command: "status", description: "Area status" }], {
      scope: { type: "chat", chat_id: 42 },
    });
    expect(await api.getMyCommands({ language_code: "vi" })).toEqual([
      { command: "report", description: "Báo cáo tuần" },
    ]);
    expect(await api.getMyCommands()).toEqual([]);
    expect(emulator.commands({ scope: { type: "chat", chat_id: 42 } })).toEqual([
      { command: "status", description: "Area status" },
    ]);
    const bad = await rejection(api.setMyCommands([{ command: "Bad-Name", description: "x" }]));
    expect(bad.error_code).toBe(400);
  });
});

describe("getUpdates", () => {
  it("keeps updates until an offset confirms them and honours limit", async () => {
    const { emulator, api } = await start();
    const user = emulator.user({ firstName: "Hoa" });
    const a = user.send("a");
    user.send("b");
    user.send("c");
    const firstTwo = await api.getUpdates({ limit: 2 });
    expect(firstTwo.map((u) => u.message?.text)).toEqual(["a", "b"]);
    expect((await api.getUpdates({ limit: 2 })).map((u) => u.update_id)).toEqual(
      firstTwo.map((u) => u.update_id),
    );
    const rest = await api.getUpdates({ offset: a.updateId + 2 });
    expect(rest.map((u) => u.message?.text)).toEqual(["c"]);
    expect(await api.getUpdates({ offset: a.updateId + 3 })).toEqual([]);
  });

  it("waits for an update when there is none yet, and filters by allowed_updates", async () => {
    const { emulator, api } = await start();
    const user = emulator.user({ firstName: "Hoa" });
    const polling = api.getUpdates({ timeout: 5, allowed_updates: ["callback_query"] });
    const question = await api.sendMessage(user.id, "q", {
      reply_markup: new InlineKeyboard().text("Yes", "y"),
    });
    user.send("dropped: messages are not allowed");
    user.press(question.message_id, "Yes");
    const updates = await polling;
    expect(updates.map((u) => u.callback_query?.data)).toEqual(["y"]);
  });

  it("ends a waiting poll with 409 when another getUpdates comes, as with two bot instances", async () => {
    const { api } = await start();
    let settled = false;
    const first = rejection(api.getUpdates({ timeout: 5 })).finally(() => {
      settled = true;
    });
    // Keep polling until the first poll has been displaced: request order over two sockets is not fixed.
    while (!settled) {
      expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
    }
    const error = await first;
    expect([error.error_code, error.description]).toEqual([
      409,
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    ]);
  });

  it("refuses getUpdates with 409 while a webhook is set", async () => {
    const { api } = await start();
    await api.setWebhook("http://127.0.0.1:9/hook");
    const error = await rejection(api.getUpdates());
    expect(error.error_code).toBe(409);
    await api.deleteWebhook();
    expect(await api.getUpdates()).toEqual([]);
  });
});
