import { describe, expect, it } from "vitest";
import { toInbound } from "../../../src/channels/zalo/to-inbound.js";
import type { ZaloUpdate } from "../../../src/channels/zalo/update.js";

const AT = new Date("2026-11-25T03:00:00Z");
const USER = "7180000000000000123";

function update(changes: Partial<ZaloUpdate>): ZaloUpdate {
  return {
    eventName: "message.text.received",
    messageId: "m-1",
    date: AT.getTime(),
    from: { id: USER, displayName: "Nông Thị Hoa", isBot: false },
    chat: { id: USER, chatType: "PRIVATE" },
    ...changes,
  };
}

describe("a Zalo update as an Inbound", () => {
  it("is a text from the chat, with the exact id and the person's name", () => {
    expect(toInbound(update({ text: "350 m" }), AT)).toEqual({
      channel: "zalo",
      chatId: USER,
      updateId: "m-1",
      displayName: "Nông Thị Hoa",
      receivedAt: AT,
      kind: "text",
      text: "350 m",
    });
  });

  it("is a command for /name and for the Vietnamese command words", () => {
    expect(toInbound(update({ text: "/report" }), AT)).toMatchObject({
      kind: "command",
      command: "report",
      text: "",
    });
    expect(toInbound(update({ text: "tình hình" }), AT)).toMatchObject({
      kind: "command",
      command: "status",
    });
  });

  it("is a photo whose ref is the image URL, with the caption as text", () => {
    const inbound = toInbound(
      update({
        eventName: "message.image.received",
        photoUrl: "https://photo.zdn.vn/a.jpg",
        caption: "Đường mới",
      }),
      AT,
    );
    expect(inbound).toMatchObject({
      kind: "photo",
      photos: [{ ref: "https://photo.zdn.vn/a.jpg" }],
      text: "Đường mới",
    });
  });

  it("is unsupported for a sticker, a withheld message, or an image without a URL", () => {
    for (const eventName of [
      "message.sticker.received",
      "message.unsupported.received",
      "message.image.received",
    ] as const) {
      expect(toInbound(update({ eventName }), AT)?.kind).toBe("unsupported");
    }
  });

  it("is nothing for a group message or another bot", () => {
    expect(toInbound(update({ text: "hi", chat: { id: "g-1", chatType: "GROUP" } }), AT)).toBe(
      undefined,
    );
    expect(
      toInbound(update({ text: "hi", from: { id: USER, displayName: "", isBot: true } }), AT),
    ).toBeUndefined();
  });
});
