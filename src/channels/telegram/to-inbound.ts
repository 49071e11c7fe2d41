import type { Context } from "grammy";
import { commandOf } from "../../messaging/command-words.js";
import type { Inbound } from "../../messaging/inbound.js";

/**
 * Translates a Telegram update into the channel-neutral Inbound, or undefined for updates
 * that carry nothing a person did in a private chat (edits, group service messages, …).
 */
export function toInbound(ctx: Context, receivedAt: Date): Inbound | undefined {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || !chat || chat.type !== "private") return undefined;
  const base = {
    channel: "telegram" as const,
    chatId: String(chat.id),
    updateId: String(ctx.update.update_id),
    displayName: [from.first_name, from.last_name].filter(Boolean).join(" "),
    languageCode: from.language_code,
    receivedAt,
  };
  const membership = ctx.myChatMember;
  if (membership) {
    const status = membership.new_chat_member.status;
    return { ...base, kind: status === "kicked" ? "blocked" : "unblocked" };
  }
  const callback = ctx.callbackQuery;
  if (callback) {
    return {
      ...base,
      kind: "choice",
      choice: {
        data: callback.data ?? "",
        messageId: callback.message ? String(callback.message.message_id) : undefined,
      },
    };
  }
  const message = ctx.message;
  if (!message) return undefined;
  if (message.text !== undefined) {
    const command = message.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
    if (command) {
      const name = message.text.slice(1, command.length).split("@")[0]?.toLowerCase() ?? "";
      return {
        ...base,
        kind: "command",
        command: name,
        text: message.text.slice(command.length).trim(),
      };
    }
    // Typed as on Zalo: "báo cáo", "bc", "tham gia K7PM3Q" stand for their commands here too.
    const typed = commandOf(message.text);
    if (typed) return { ...base, kind: "command", command: typed.name, text: typed.args };
    return { ...base, kind: "text", text: message.text };
  }
  if (message.photo && message.photo.length > 0) {
    const largest = message.photo.reduce((a, b) =>
      (b.file_size ?? 0) > (a.file_size ?? 0) ? b : a,
    );
    return {
      ...base,
      kind: "photo",
      text: message.caption,
      photos: [{ ref: largest.file_id, size: largest.file_size }],
      albumId: message.media_group_id,
    };
  }
  const sound = message.voice ?? message.audio;
  if (sound) {
    return {
      ...base,
      kind: "audio",
      ...(message.caption === undefined ? {} : { text: message.caption }),
      audio: {
        ref: sound.file_id,
        ...(sound.file_size === undefined ? {} : { size: sound.file_size }),
        seconds: sound.duration,
        form: message.voice ? "voice" : "file",
      },
    };
  }
  return { ...base, kind: "unsupported" };
}
