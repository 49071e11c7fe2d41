import { z } from "zod";
import { badRequest } from "../api-error.js";
import { messageObject } from "../api-objects.js";
import type { StoredMessage } from "../chat-store.js";
import type { EmulatorState } from "../emulator-state.js";
import type { MessageEntity } from "../html-parse-mode.js";
import type { MethodParams } from "../params.js";
import { type InlineButton, readInlineMarkupForEdit, readReplyMarkup } from "../reply-markup.js";
import type { MethodContext, MethodHandler } from "./method-context.js";
import {
  admitSend,
  botSender,
  readCaption,
  readMessageText,
  readReplyTo,
  sendableChat,
} from "./sending.js";

/** Telegram lets a message be deleted only within 48 hours of sending. */
export const DELETE_WINDOW_MS = 48 * 60 * 60 * 1000;

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** sendMessage: text (≤ 4096 after parsing), HTML or entities, keyboards, replies. */
const sendMessage: MethodHandler = ({ params, state }) => {
  const formatted = readMessageText(params);
  const markup = readReplyMarkup(params);
  const chat = sendableChat(state, params.chatId());
  const replyToMessageId = readReplyTo(state, params, chat);
  admitSend(state, chat);
  const message = state.chats.addMessage(chat, botSender(state), {
    text: formatted.text,
    entities: formatted.entities,
    inlineKeyboard: markup?.kind === "inline" ? markup.inlineKeyboard : undefined,
    replyKeyboard: markup?.kind === "keyboard" ? markup.keyboard : undefined,
    replyToMessageId,
  });
  return messageObject(state.chats, message);
};

/** The bot's own live message named by chat_id + message_id. */
function editableMessage(state: EmulatorState, params: MethodParams): StoredMessage {
  if (params.has("inline_message_id")) {
    throw badRequest("the emulator has no inline messages; pass chat_id and message_id");
  }
  const chatId = params.chatId();
  const chat = state.chats.chat(chatId);
  if (!chat) throw badRequest("chat not found");
  const messageId = params.integer("message_id");
  if (messageId === undefined) throw badRequest("message identifier is not specified");
  const message = state.chats.messageToEdit(chat.id, messageId);
  if (!message.fromBot) throw badRequest("message can't be edited");
  return message;
}

function sameEntities(a: MessageEntity[], b: MessageEntity[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameKeyboard(a: InlineButton[][] | undefined, b: InlineButton[][] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** editMessageText: new text; leaving out reply_markup removes the inline keyboard, as on Telegram. */
const editMessageText: MethodHandler = ({ params, state }) => {
  const formatted = readMessageText(params);
  const keyboard = readInlineMarkupForEdit(params);
  const message = editableMessage(state, params);
  if (message.text === undefined) throw badRequest("there is no text in the message to edit");
  if (
    message.text === formatted.text &&
    sameEntities(message.entities, formatted.entities) &&
    sameKeyboard(message.inlineKeyboard, keyboard)
  ) {
    throw badRequest(NOT_MODIFIED);
  }
  state.chats.edit(message, {
    text: formatted.text,
    entities: formatted.entities,
    inlineKeyboard: keyboard,
  });
  return messageObject(state.chats, message);
};

/** editMessageCaption: new caption of a media message. */
const editMessageCaption: MethodHandler = ({ params, state }) => {
  const formatted = readCaption(params);
  const keyboard = readInlineMarkupForEdit(params);
  const message = editableMessage(state, params);
  if (!message.photo && !message.document) {
    throw badRequest("there is no caption in the message to edit");
  }
  if (
    (message.caption ?? "") === (formatted?.text ?? "") &&
    sameEntities(message.captionEntities, formatted?.entities ?? []) &&
    sameKeyboard(message.inlineKeyboard, keyboard)
  ) {
    throw badRequest(NOT_MODIFIED);
  }
  state.chats.edit(message, {
    caption: formatted?.text,
    captionEntities: formatted?.entities ?? [],
    inlineKeyboard: keyboard,
  });
  return messageObject(state.chats, message);
};

/** editMessageReplyMarkup: replaces (or, when left out, removes) the inline keyboard. */
const editMessageReplyMarkup: MethodHandler = ({ params, state }) => {
  const keyboard = readInlineMarkupForEdit(params);
  const message = editableMessage(state, params);
  if (sameKeyboard(message.inlineKeyboard, keyboard)) throw badRequest(NOT_MODIFIED);
  state.chats.edit(message, { inlineKeyboard: keyboard });
  return messageObject(state.chats, message);
};

function deleteOne(state: EmulatorState, chatId: number, messageId: number): void {
  const message = state.chats.message(chatId, messageId);
  if (!message || message.deleted) throw badRequest("message to delete not found");
  if (state.clock.now() - message.sentAtMs >= DELETE_WINDOW_MS) {
    throw badRequest("message can't be deleted");
  }
  state.chats.delete(message);
}

/** deleteMessage: only within 48 hours of sending, by the emulator's clock. */
const deleteMessage: MethodHandler = ({ params, state }) => {
  const chat = state.chats.chat(params.chatId());
  if (!chat) throw badRequest("chat not found");
  const messageId = params.integer("message_id");
  if (messageId === undefined) throw badRequest("message identifier is not specified");
  deleteOne(state, chat.id, messageId);
  return true;
};

/** deleteMessages: deletes what it can and skips the rest, like Telegram. */
const deleteMessages: MethodHandler = ({ params, state }) => {
  const chat = state.chats.chat(params.chatId());
  if (!chat) throw badRequest("chat not found");
  const ids = params.json(
    "message_ids",
    z.array(z.number().int()).min(1).max(100),
    "message_ids are invalid",
  );
  if (!ids) throw badRequest("message_ids are empty");
  let deleted = 0;
  for (const id of ids) {
    try {
      deleteOne(state, chat.id, id);
      deleted += 1;
    } catch {
      // Telegram silently skips messages it cannot delete.
    }
  }
  if (deleted === 0) throw badRequest("message to delete not found");
  return true;
};

/** sendChatAction: "typing…" and friends; nothing to show, but the chat must be reachable. */
const sendChatAction: MethodHandler = ({ params, state }: MethodContext) => {
  sendableChat(state, params.chatId());
  if (!params.string("action")) throw badRequest("wrong parameter action in request");
  return true;
};

/** The message methods by name. */
export const messageMethods: Record<string, MethodHandler> = {
  sendMessage,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  deleteMessages,
  sendChatAction,
};
