import { z } from "zod";
import { badRequest } from "./api-error.js";
import type { StoredUser } from "./chat-store.js";

/** A command in the bot's menu. */
export interface BotCommand {
  command: string;
  description: string;
}

/** Which users see a command list (Telegram's BotCommandScope). */
export interface CommandScope {
  type: string;
  chat_id?: number | string;
  user_id?: number;
}

/** Schema of a BotCommandScope parameter. */
export const commandScopeSchema = z
  .object({
    type: z.enum([
      "default",
      "all_private_chats",
      "all_group_chats",
      "all_chat_administrators",
      "chat",
      "chat_administrators",
      "chat_member",
    ]),
    chat_id: z.union([z.number(), z.string()]).optional(),
    user_id: z.number().optional(),
  })
  .loose();

/** Schema of the `commands` parameter of setMyCommands. */
export const commandsSchema = z.array(
  z.object({ command: z.string(), description: z.string() }).loose(),
);

/** The bot's own identity and profile settings (commands, descriptions) as set through the API. */
export class BotProfile {
  private readonly commandLists = new Map<string, BotCommand[]>();
  /** Texts set with setMyDescription / setMyShortDescription / setMyName, by kind and language. */
  readonly texts = new Map<string, string>();
  /** The last setChatMenuButton argument, by chat ("default" for all). */
  readonly menuButtons = new Map<string, unknown>();

  constructor(readonly user: StoredUser) {}

  /** Stores a command list for a scope and language, after Telegram's checks. */
  setCommands(commands: BotCommand[], scope?: CommandScope, languageCode?: string): void {
    if (commands.length > 100) throw badRequest("too many commands");
    for (const { command, description } of commands) {
      if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
      if (description.trim().length < 1 || description.length > 256) {
        throw badRequest("command description must be non-empty");
      }
    }
    const key = commandKey(scope, languageCode);
    if (commands.length === 0) this.commandLists.delete(key);
    else
      this.commandLists.set(
        key,
        commands.map(({ command, description }) => ({ command, description })),
      );
  }

  /** The list for exactly this scope and language (Telegram does not fall back here). */
  commands(scope?: CommandScope, languageCode?: string): BotCommand[] {
    return this.commandLists.get(commandKey(scope, languageCode)) ?? [];
  }

  /** Removes the list for this scope and language. */
  deleteCommands(scope?: CommandScope, languageCode?: string): void {
    this.commandLists.delete(commandKey(scope, languageCode));
  }
}

function commandKey(scope: CommandScope | undefined, languageCode: string | undefined): string {
  const s = scope ?? { type: "default" };
  return JSON.stringify([s.type, s.chat_id ?? null, s.user_id ?? null, languageCode ?? ""]);
}
