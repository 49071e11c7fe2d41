import { randomUUID } from "node:crypto";
import type { ChannelAdapter, ChannelEnv } from "../../src/channels/channel.js";
import { ChatMenus } from "../../src/channels/chat-menus.js";
import type { Translate } from "../../src/i18n.js";
import type { Inbound } from "../../src/messaging/inbound.js";
import { textWithNumberedChoices } from "../../src/messaging/numbered-choices.js";
import type { Outbound, SentMessage } from "../../src/messaging/outbound.js";
import type { Reply } from "../../src/messaging/reply.js";

/** The console's id: a channel the product does not ship, which the app must take all the same. */
export const CONSOLE = "console";

/** One line of a console chat: what the person typed, or what the bot showed. */
export interface ConsoleLine {
  from: "person" | "bot";
  text: string;
}

/** A person at the console: types lines and reads what the bot printed. */
export interface ConsoleChat {
  readonly chatId: string;
  /** Types a line; resolves once the bot has handled it, with the last thing it printed. */
  type(text: string): Promise<string>;
  /** Everything said in this chat so far, in order. */
  lines(): ConsoleLine[];
  /** What the bot printed last. */
  last(): string;
}

/** The console channel once the app has started it: its people. */
export interface ConsoleChannel extends ChannelAdapter {
  person(chatId: string): ConsoleChat;
}

/**
 * A third channel, for tests only, in nyaruka/courier's shape: a text console with numbered
 * menus, no photos, no edits, no buttons. It is built from the shared parts alone (the
 * Inbound, the router, the numbered presenter and chat menus), so that it running the whole
 * weekly report shows a new platform needs nothing in features/ or dialog/.
 */
export function consoleChannel(): ConsoleChannel {
  let env: ChannelEnv | undefined;
  let menus: ChatMenus | undefined;
  const chats = new Map<string, ConsoleLine[]>();
  const inFlight = new Set<Promise<void>>();
  // Update ids are remembered in the store to drop one handed twice: a console started again
  // on the same data must not reuse the last one's.
  const session = randomUUID();
  let updates = 0;

  const linesOf = (chatId: string): ConsoleLine[] => {
    let lines = chats.get(chatId);
    if (!lines) {
      lines = [];
      chats.set(chatId, lines);
    }
    return lines;
  };
  const started = () => {
    if (!env || !menus) throw new Error("the console channel is not started");
    return { env, menus };
  };

  async function translatorFor(chatId: string): Promise<Translate> {
    const { deps } = started().env;
    const [member] = await deps.store.members.membersOfChat(CONSOLE, chatId);
    return deps.i18n.getFixedT(member?.locale ?? deps.config.defaultLocale);
  }

  /** Prints a message: its text with choices as numbered lines; a file cannot be shown. */
  async function print(chatId: string, message: Outbound): Promise<SentMessage> {
    const text = textWithNumberedChoices(message, await translatorFor(chatId));
    const lines = linesOf(chatId);
    if (text.trim() !== "") lines.push({ from: "bot", text });
    await started().menus.shown(chatId, message);
    return { messageId: String(lines.length) };
  }

  function replyTo(chatId: string): Reply {
    return {
      buttons: false,
      send: (message) => print(chatId, message),
      edit: (_messageId, message) => print(chatId, message),
      async acknowledge(notice) {
        if (notice) await print(chatId, { text: notice });
      },
    };
  }

  /** A typed line as an Inbound: `/name args` is a command, anything else text. */
  function inboundOf(chatId: string, text: string): Inbound {
    const base = {
      channel: CONSOLE,
      chatId,
      updateId: `${session}:${++updates}`,
      receivedAt: started().env.deps.now(),
    };
    const command = /^\/(\w+)\s*(.*)$/su.exec(text.trim());
    if (command?.[1]) {
      return {
        ...base,
        kind: "command",
        command: command[1].toLowerCase(),
        text: command[2] ?? "",
      };
    }
    return { ...base, kind: "text", text };
  }

  return {
    id: CONSOLE,
    // A test's channel: its name and invite lines are never shown, so no locale carries them.
    nameKey: "common:channel.console",
    tokenHintKey: "config:consoleToken",
    invites: {
      cardRank: 9,
      carriesCode: false,
      linker: async () => undefined,
      lines: { link: "cli:invite.consoleLink", noLink: "cli:invite.console" },
    },
    configured: () => true,
    async start(given) {
      env = given;
      menus = new ChatMenus(given.deps.store.chatMenus, given.deps.now, CONSOLE);
      return {
        id: CONSOLE,
        capabilities: { edits: false, photos: "none", maxTextLength: 4000 },
        lane: {
          sender: {
            channel: CONSOLE,
            maxTextLength: 4000,
            send: (chatId, message) => print(chatId, message),
          },
          ratePerSecond: 100,
        },
        photos: {
          fetch: () => Promise.reject(new Error("the console takes no photos")),
        },
        routes: [],
        account: "console",
        async stop() {
          await Promise.allSettled([...inFlight]);
        },
      };
    },
    person(chatId) {
      return {
        chatId,
        async type(text) {
          const { env: running } = started();
          linesOf(chatId).push({ from: "person", text });
          const handling = running.router.handle(inboundOf(chatId, text), replyTo(chatId));
          inFlight.add(handling);
          try {
            await handling;
          } finally {
            inFlight.delete(handling);
          }
          return this.last();
        },
        lines: () => [...linesOf(chatId)],
        last: () => linesOf(chatId).findLast((line) => line.from === "bot")?.text ?? "",
      };
    },
  };
}
