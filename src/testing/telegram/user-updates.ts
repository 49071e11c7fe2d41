import { messageObject, userObject } from "./api-objects.js";
import type { StoredCallbackQuery } from "./callback-queries.js";
import type { ChatStore, StoredMessage, StoredUser } from "./chat-store.js";
import type { MessageEntity } from "./html-parse-mode.js";

/** bot_command entities for every /command in a text, as Telegram's servers add them. */
export function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const pattern = /(^|\s)(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?)(?=$|\s)/g;
  for (const match of text.matchAll(pattern)) {
    const offset = (match.index ?? 0) + (match[1] as string).length;
    entities.push({ type: "bot_command", offset, length: (match[2] as string).length });
  }
  return entities;
}

/** The `callback_query` update payload Telegram sends when a user presses a button. */
export function callbackQueryPayload(
  chats: ChatStore,
  query: StoredCallbackQuery,
  user: StoredUser,
  message: StoredMessage,
): Record<string, unknown> {
  return {
    callback_query: {
      id: query.id,
      from: userObject(user),
      message: messageObject(chats, message),
      chat_instance: String(7_000_000_000 + user.id),
      data: query.data,
    },
  };
}

/** The `my_chat_member` update payload Telegram sends when a user blocks or unblocks the bot. */
export function myChatMemberPayload(
  bot: StoredUser,
  user: StoredUser,
  dateSeconds: number,
  oldStatus: "member" | "kicked",
  newStatus: "member" | "kicked",
): Record<string, unknown> {
  const member = (status: string) => ({
    status,
    user: userObject(bot),
    ...(status === "kicked" ? { until_date: 0 } : {}),
  });
  return {
    my_chat_member: {
      chat: {
        id: user.id,
        type: "private",
        first_name: user.firstName,
        ...(user.lastName ? { last_name: user.lastName } : {}),
        ...(user.username ? { username: user.username } : {}),
      },
      from: userObject(user),
      date: dateSeconds,
      old_chat_member: member(oldStatus),
      new_chat_member: member(newStatus),
    },
  };
}
