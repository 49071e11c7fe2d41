import { commandOf } from "../../messaging/command-words.js";
import type { Inbound } from "../../messaging/inbound.js";
import type { ZaloUpdate } from "./update.js";

/**
 * Translates a Zalo update into the channel-neutral Inbound, or undefined for what no person
 * did in a private chat (a group message, another bot). Commands are text on Zalo: `/name`
 * or a Vietnamese command word; an image becomes a photo whose ref is its URL; stickers and
 * withheld messages are unsupported.
 */
export function toInbound(update: ZaloUpdate, receivedAt: Date): Inbound | undefined {
  if (update.chat.chatType !== "PRIVATE" || update.from.isBot) return undefined;
  const base = {
    channel: "zalo" as const,
    chatId: update.chat.id,
    updateId: update.messageId,
    ...(update.from.displayName === "" ? {} : { displayName: update.from.displayName }),
    receivedAt,
  };
  switch (update.eventName) {
    case "message.text.received": {
      const text = update.text ?? "";
      const command = commandOf(text);
      if (command) return { ...base, kind: "command", command: command.name, text: command.args };
      return { ...base, kind: "text", text };
    }
    case "message.image.received":
      if (update.photoUrl === undefined) return { ...base, kind: "unsupported" };
      return {
        ...base,
        kind: "photo",
        photos: [{ ref: update.photoUrl }],
        ...(update.caption === undefined ? {} : { text: update.caption }),
      };
    default:
      return { ...base, kind: "unsupported" };
  }
}
