import { badRequest } from "../api-error.js";
import { commandScopeSchema, commandsSchema } from "../bot-profile.js";
import type { MethodParams } from "../params.js";
import type { MethodHandler } from "./method-context.js";

function scopeOf(params: MethodParams) {
  return params.json("scope", commandScopeSchema, "can't parse BotCommandScope JSON object");
}

/** getMe: the bot's identity. */
const getMe: MethodHandler = ({ state }) => {
  const bot = state.bot.user;
  return {
    id: bot.id,
    is_bot: true,
    first_name: bot.firstName,
    username: bot.username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
};

/** setMyCommands: stored per scope and language_code. */
const setMyCommands: MethodHandler = ({ params, state }) => {
  const commands = params.json("commands", commandsSchema, "can't parse commands JSON object");
  if (!commands) throw badRequest('parameter "commands" is required');
  state.bot.setCommands(commands, scopeOf(params), params.string("language_code"));
  return true;
};

/** getMyCommands: the list for exactly that scope and language. */
const getMyCommands: MethodHandler = ({ params, state }) =>
  state.bot.commands(scopeOf(params), params.string("language_code"));

/** deleteMyCommands: removes that list. */
const deleteMyCommands: MethodHandler = ({ params, state }) => {
  state.bot.deleteCommands(scopeOf(params), params.string("language_code"));
  return true;
};

function profileText(kind: string, field: string, limit: number): [MethodHandler, MethodHandler] {
  const set: MethodHandler = ({ params, state }) => {
    const value = params.string(field) ?? "";
    if (value.length > limit) throw badRequest(`${field} is too long`);
    state.bot.texts.set(`${kind}:${params.string("language_code") ?? ""}`, value);
    return true;
  };
  const get: MethodHandler = ({ params, state }) => ({
    [field]: state.bot.texts.get(`${kind}:${params.string("language_code") ?? ""}`) ?? "",
  });
  return [set, get];
}

const [setMyDescription, getMyDescription] = profileText("description", "description", 512);
const [setMyShortDescription, getMyShortDescription] = profileText(
  "short_description",
  "short_description",
  120,
);
const [setMyName, getMyName] = profileText("name", "name", 64);

/** setChatMenuButton: stored, nothing else to show. */
const setChatMenuButton: MethodHandler = ({ params, state }) => {
  state.bot.menuButtons.set(
    params.string("chat_id") ?? "default",
    params.fields.menu_button ?? null,
  );
  return true;
};

/** getChatMenuButton: the default commands menu unless set. */
const getChatMenuButton: MethodHandler = ({ params, state }) => {
  const stored = state.bot.menuButtons.get(params.string("chat_id") ?? "default");
  if (typeof stored === "string") return JSON.parse(stored);
  return stored ?? { type: "commands" };
};

/** The bot-profile methods by name. */
export const botProfileMethods: Record<string, MethodHandler> = {
  getMe,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  setMyDescription,
  getMyDescription,
  setMyShortDescription,
  getMyShortDescription,
  setMyName,
  getMyName,
  setChatMenuButton,
  getChatMenuButton,
  logOut: () => true,
  close: () => true,
};
