import { describe, expect, it } from "vitest";
import { parseZaloJson as parseJsonFromZalo } from "../../../src/channels/zalo/json.js";
import { isZaloUpdateError, parseZaloUpdate } from "../../../src/channels/zalo/update.js";

const message = {
  message_id: "16f6366b3f02645a3d15",
  date: 1764400000000,
  from: { id: "1459232241454765289", display_name: "Nông Văn Thắng", is_bot: false },
  chat: { id: "1459232241454765289", chat_type: "PRIVATE" },
};

describe("reading an incoming Zalo message", () => {
  it("reads a text message wrapped as {ok, result}", () => {
    const update = parseZaloUpdate({
      ok: true,
      result: { event_name: "message.text.received", message: { ...message, text: "Xin chào" } },
    });
    expect(update).toEqual({
      eventName: "message.text.received",
      messageId: "16f6366b3f02645a3d15",
      date: 1764400000000,
      from: { id: "1459232241454765289", displayName: "Nông Văn Thắng", isBot: false },
      chat: { id: "1459232241454765289", chatType: "PRIVATE" },
      text: "Xin chào",
    });
  });

  it("reads the same message sent bare", () => {
    const update = parseZaloUpdate({
      event_name: "message.text.received",
      message: { ...message, text: "Xin chào" },
    });
    expect(update).toMatchObject({ eventName: "message.text.received", text: "Xin chào" });
  });

  it("reads an image from photo_url or photo, with its caption", () => {
    const fromPhotoUrl = parseZaloUpdate({
      event_name: "message.image.received",
      message: { ...message, photo_url: "https://example.test/a.jpg", caption: "Đường bê tông" },
    });
    const fromPhoto = parseZaloUpdate({
      event_name: "message.image.received",
      message: { ...message, photo: "https://example.test/b.jpg" },
    });
    expect(fromPhotoUrl).toMatchObject({
      photoUrl: "https://example.test/a.jpg",
      caption: "Đường bê tông",
    });
    expect(fromPhoto).toMatchObject({ photoUrl: "https://example.test/b.jpg" });
  });

  it("reads stickers and withheld (unsupported) messages", () => {
    for (const eventName of ["message.sticker.received", "message.unsupported.received"]) {
      expect(parseZaloUpdate({ event_name: eventName, message })).toMatchObject({
        eventName,
        chat: { id: message.chat.id },
      });
    }
  });

  it("reads Zalo's published sample, which has no event_name and first_name for the name", () => {
    const update = parseZaloUpdate({
      ok: true,
      result: {
        message: {
          chat: { id: "e4ea2cd5189df1c3a88c", chat_type: "PRIVATE" },
          text: "Xin chào",
          message_id: "16f6366b3f02645a3d15",
          date: 1766619597466,
          from: { id: "e4ea2cd5189df1c3a88c", first_name: "Nguyen Van A" },
        },
      },
    });
    expect(update).toMatchObject({
      eventName: "message.text.received",
      from: { id: "e4ea2cd5189df1c3a88c", displayName: "Nguyen Van A", isBot: false },
      text: "Xin chào",
    });
  });

  it("keeps a 19-digit id sent as a bare JSON number exact", () => {
    const body = parseJsonFromZalo(
      '{"event_name":"message.text.received","message":{"message_id":"m1","date":1764400000000,' +
        '"from":{"id":1459232241454765289,"display_name":"A"},"chat":{"id":1459232241454765289},"text":"1"}}',
    );
    expect(parseZaloUpdate(body)).toMatchObject({
      from: { id: "1459232241454765289" },
      chat: { id: "1459232241454765289", chatType: "PRIVATE" },
    });
  });

  it("refuses an id that was already rounded by a plain JSON.parse", () => {
    const body = JSON.parse(
      '{"event_name":"message.text.received","message":{"message_id":"m1","date":1764400000000,' +
        '"from":{"id":1459232241454765289},"chat":{"id":"1"},"text":"1"}}',
    );
    expect(isZaloUpdateError(parseZaloUpdate(body))).toBe(true);
  });

  it("turns a date in seconds into milliseconds", () => {
    const update = parseZaloUpdate({
      event_name: "message.text.received",
      message: { ...message, date: 1764400000, text: "1" },
    });
    expect(update).toMatchObject({ date: 1764400000000 });
  });

  it("answers unknown events and broken bodies with an error that holds no personal data", () => {
    const results = [
      parseZaloUpdate({ event_name: "user.follow", message: { ...message, text: "0912345678" } }),
      parseZaloUpdate({ event_name: "message.text.received", message: { ...message } }),
      parseZaloUpdate({ event_name: "message.text.received", message: { ...message, from: 7 } }),
      parseZaloUpdate({ ok: false, error_code: 400 }),
      parseZaloUpdate("Nông Văn Thắng"),
      parseZaloUpdate(null),
    ];
    for (const result of results) {
      expect(result).toHaveProperty("error");
      const text = JSON.stringify(result);
      expect(text).not.toContain("Nông");
      expect(text).not.toContain("0912345678");
      expect(text).not.toContain("1459232241454765289");
    }
  });
});
