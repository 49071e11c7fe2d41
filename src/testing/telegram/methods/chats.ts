import { badRequest } from "../api-error.js";
import { chatObject, userObject } from "../api-objects.js";
import type { MethodHandler } from "./method-context.js";

/** answerCallbackQuery: once per press; the answer is kept for the driver to read. */
const answerCallbackQuery: MethodHandler = ({ params, state }) => {
  const id = params.string("callback_query_id");
  if (!id) throw badRequest("query is too old and response timeout expired or query ID is invalid");
  const text = params.string("text");
  if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
  state.callbacks.answer(id, {
    text,
    showAlert: params.boolean("show_alert") ?? false,
    url: params.string("url"),
  });
  return true;
};

/** getChat: what Telegram knows about a chat. */
const getChat: MethodHandler = ({ params, state }) => {
  const chat = state.chats.chat(params.chatId());
  if (!chat) throw badRequest("chat not found");
  return { ...chatObject(chat), accent_color_id: 0, max_reaction_count: 11 };
};

/** getChatMember: in a private chat the user is a member unless they blocked the bot. */
const getChatMember: MethodHandler = ({ params, state }) => {
  const chat = state.chats.chat(params.chatId());
  if (!chat) throw badRequest("chat not found");
  const user = state.chats.user(params.integer("user_id") ?? Number.NaN);
  if (!user) throw badRequest("user not found");
  return { status: state.faults.isBlocked(chat.id) ? "kicked" : "member", user: userObject(user) };
};

/** The chat and callback methods by name. */
export const chatMethods: Record<string, MethodHandler> = {
  answerCallbackQuery,
  getChat,
  getChatMember,
};
