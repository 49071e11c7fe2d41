import type { UserChat, ZaloUserContent } from "./emulated-user.js";
import type { ZaloEmulatorSettings } from "./settings.js";
import type { EmulatedUpdate } from "./update-feed.js";

const EVENT_NAMES: Record<ZaloUserContent["kind"], string> = {
  text: "message.text.received",
  photo: "message.image.received",
  sticker: "message.sticker.received",
  unsupported: "message.unsupported.received",
};

/** The update Zalo would send the bot when `chat`'s user sends `content`. */
export function userUpdate(
  chat: UserChat,
  content: ZaloUserContent,
  ids: { messageId: string; date: number },
  imageField: ZaloEmulatorSettings["imageField"],
): EmulatedUpdate {
  const message: EmulatedUpdate["message"] = {
    message_id: ids.messageId,
    date: ids.date,
    from: { id: chat.id, display_name: chat.displayName, is_bot: false },
    chat: { id: chat.id, chat_type: "PRIVATE" },
  };
  if (content.kind === "text") message.text = content.text;
  if (content.kind === "photo") {
    message[imageField] = content.photoUrl;
    if (content.caption !== undefined) message.caption = content.caption;
  }
  if (content.kind === "sticker") message.sticker = content.sticker;
  return { event_name: EVENT_NAMES[content.kind], message };
}
