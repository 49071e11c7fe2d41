import { z } from "zod";
import { badRequest, forbidden } from "../api-error.js";
import type { StoredChat } from "../chat-store.js";
import type { EmulatorState } from "../emulator-state.js";
import { type FormattedText, type MessageEntity, parseHtml } from "../html-parse-mode.js";
import type { MethodParams } from "../params.js";

/** Telegram's limit on message text, in UTF-16 code units after parsing. */
export const MAX_TEXT_LENGTH = 4096;
/** Telegram's limit on media captions. */
export const MAX_CAPTION_LENGTH = 1024;

const entitiesSchema = z.array(
  z.object({ type: z.string(), offset: z.number().int(), length: z.number().int() }).loose(),
);

/**
 * The chat a send goes to: 403 if its user blocked the bot, 400 "chat not found" if it never
 * existed (unless the emulator creates chats on demand).
 */
export function sendableChat(state: EmulatorState, chatId: number | string): StoredChat {
  if (typeof chatId === "number" && state.faults.isBlocked(chatId)) {
    throw forbidden(
      chatId > 0 ? "bot was blocked by the user" : "bot was kicked from the group chat",
    );
  }
  const chat = state.chats.chat(chatId);
  if (chat) return chat;
  if (state.unknownChats === "create" && typeof chatId === "number") {
    return state.chats.declareChat(
      chatId > 0
        ? { id: chatId, type: "private", firstName: `User ${chatId}` }
        : { id: chatId, type: "group", title: `Group ${chatId}` },
    );
  }
  throw badRequest("chat not found");
}

/** Counts a send against the rate limits (429 if over). */
export function admitSend(state: EmulatorState, chat: StoredChat, count = 1): void {
  state.limits.admit(chat.id, chat.type !== "private", count);
}

/** The bot as the sender of its messages. */
export function botSender(state: EmulatorState): { id: number; isBot: boolean } {
  return { id: state.bot.user.id, isBot: true };
}

/**
 * Text (or caption) with its formatting: HTML parse mode or explicit entities.
 * Markdown modes are refused loudly rather than shown wrongly.
 */
export function readFormattedText(
  params: MethodParams,
  field: string,
  entitiesField: string,
  parseModeField = "parse_mode",
): FormattedText | undefined {
  const raw = params.string(field);
  if (raw === undefined) return undefined;
  const parseMode = params.string(parseModeField);
  if (parseMode) {
    const mode = parseMode.toLowerCase();
    if (mode === "html") return parseHtml(raw);
    if (mode === "markdown" || mode === "markdownv2") {
      throw badRequest("the emulator does not parse Markdown; use HTML or entities");
    }
    throw badRequest(`unsupported parse_mode "${parseMode}"`);
  }
  const entities = params.json(
    entitiesField,
    entitiesSchema,
    `can't parse ${entitiesField} JSON object`,
  );
  return { text: raw, entities: (entities ?? []) as MessageEntity[] };
}

/** Message text: required, non-empty, at most 4096 characters after parsing. */
export function readMessageText(params: MethodParams): FormattedText {
  const formatted = readFormattedText(params, "text", "entities");
  if (!formatted || formatted.text.trim().length === 0) throw badRequest("message text is empty");
  if (formatted.text.length > MAX_TEXT_LENGTH) throw badRequest("message is too long");
  return formatted;
}

/** An optional caption: at most 1024 characters after parsing. */
export function readCaption(
  params: MethodParams,
  field = "caption",
  parseModeField = "parse_mode",
  entitiesField = "caption_entities",
): FormattedText | undefined {
  const formatted = readFormattedText(params, field, entitiesField, parseModeField);
  if (formatted && formatted.text.length > MAX_CAPTION_LENGTH) {
    throw badRequest("message caption is too long");
  }
  return formatted;
}

const replyParametersSchema = z
  .object({ message_id: z.number().int(), allow_sending_without_reply: z.boolean().optional() })
  .loose();

/** The message being replied to, checked to exist like Telegram does. */
export function readReplyTo(
  state: EmulatorState,
  params: MethodParams,
  chat: StoredChat,
): number | undefined {
  const reply = params.json(
    "reply_parameters",
    replyParametersSchema,
    "can't parse reply parameters",
  );
  const messageId = reply?.message_id ?? params.integer("reply_to_message_id");
  if (messageId === undefined) return undefined;
  const allowMissing =
    reply?.allow_sending_without_reply ?? params.boolean("allow_sending_without_reply") ?? false;
  const target = state.chats.message(chat.id, messageId);
  if (!target || target.deleted) {
    if (allowMissing) return undefined;
    throw badRequest("message to be replied not found");
  }
  return messageId;
}
