import type { ChatStore, StoredChat, StoredMessage, StoredUser } from "./chat-store.js";
import { audioObject, documentObject, photoSizes, voiceObject } from "./file-store.js";

type ApiObject = Record<string, unknown>;

/** The Bot API `User` object. */
export function userObject(user: StoredUser): ApiObject {
  return {
    id: user.id,
    is_bot: user.isBot,
    first_name: user.firstName,
    ...(user.lastName ? { last_name: user.lastName } : {}),
    ...(user.username ? { username: user.username } : {}),
    ...(user.languageCode ? { language_code: user.languageCode } : {}),
  };
}

/** The Bot API `Chat` object. */
export function chatObject(chat: StoredChat): ApiObject {
  return {
    id: chat.id,
    type: chat.type,
    ...(chat.title ? { title: chat.title } : {}),
    ...(chat.username ? { username: chat.username } : {}),
    ...(chat.firstName ? { first_name: chat.firstName } : {}),
    ...(chat.lastName ? { last_name: chat.lastName } : {}),
  };
}

/** The Bot API `Message` object for a stored message, with its current content. */
export function messageObject(
  chats: ChatStore,
  message: StoredMessage,
  withReply = true,
): ApiObject {
  const chat = chats.chat(message.chatId);
  const sender = chats.user(message.senderId);
  const replyTo =
    withReply && message.replyToMessageId !== undefined
      ? chats.message(message.chatId, message.replyToMessageId)
      : undefined;
  return {
    message_id: message.messageId,
    ...(sender ? { from: userObject(sender) } : {}),
    chat: chat ? chatObject(chat) : { id: message.chatId, type: "private" },
    date: message.date,
    ...(message.editDate !== undefined ? { edit_date: message.editDate } : {}),
    ...(message.mediaGroupId ? { media_group_id: message.mediaGroupId } : {}),
    ...(replyTo && !replyTo.deleted
      ? { reply_to_message: messageObject(chats, replyTo, false) }
      : {}),
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.text !== undefined && message.entities.length > 0
      ? { entities: message.entities }
      : {}),
    ...(message.photo ? { photo: photoSizes(message.photo) } : {}),
    ...(message.document ? { document: documentObject(message.document) } : {}),
    ...(message.voice ? { voice: voiceObject(message.voice, message.duration ?? 0) } : {}),
    ...(message.audio ? { audio: audioObject(message.audio, message.duration ?? 0) } : {}),
    ...(message.caption !== undefined ? { caption: message.caption } : {}),
    ...(message.caption !== undefined && message.captionEntities.length > 0
      ? { caption_entities: message.captionEntities }
      : {}),
    ...(message.inlineKeyboard
      ? { reply_markup: { inline_keyboard: message.inlineKeyboard } }
      : {}),
  };
}
