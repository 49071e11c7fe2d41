import type { Choice } from "../../messaging/outbound.js";

/** How long a menu shown in a chat can still be answered by its number. */
export const MENU_LIFETIME_MS = 24 * 3600_000;
/** The most chats whose menu is remembered; the oldest are forgotten first. */
const MAX_CHATS = 10_000;

/**
 * The numbered menu each Zalo chat saw last, so that a typed "2" can come back as the choice
 * it numbers, as a pressed button does on Telegram. Only menus of plain messages are kept
 * (the dialog engine numbers its own questions in their text and reads the numbers itself):
 * any message without choices ends the chat's menu, so a number typed after a dialog question
 * always goes to the dialog. Held in memory: after a restart a number is read as plain text.
 */
export class NumberedMenus {
  private readonly menus = new Map<string, { choices: Choice[]; shownAt: number }>();

  /** @param now the clock (injected in tests) */
  constructor(private readonly now: () => Date) {}

  /** Records what a message sent to `chatId` offered: its choices, or none. */
  shown(chatId: string, choices: Choice[] | undefined): void {
    this.menus.delete(chatId);
    if (!choices || choices.length === 0) return;
    this.menus.set(chatId, { choices, shownAt: this.now().getTime() });
    if (this.menus.size > MAX_CHATS) {
      const oldest = this.menus.keys().next().value;
      if (oldest !== undefined) this.menus.delete(oldest);
    }
  }

  /** The choice a text picks from the chat's menu: one number from 1 to its length, else none. */
  pick(chatId: string, text: string): Choice | undefined {
    const menu = this.menus.get(chatId);
    if (!menu) return undefined;
    if (this.now().getTime() - menu.shownAt > MENU_LIFETIME_MS) {
      this.menus.delete(chatId);
      return undefined;
    }
    const match = /^\s*(\d{1,3})\s*[.)]?\s*$/u.exec(text.normalize("NFKC"));
    if (!match?.[1]) return undefined;
    return menu.choices[Number(match[1]) - 1];
  }
}
