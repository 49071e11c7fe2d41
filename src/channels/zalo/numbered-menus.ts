import type { Channel } from "../../domain/member.js";
import type { Choice } from "../../messaging/outbound.js";
import type { ChatMenuRepository } from "../../store/chat-menu-repository.js";

/** How long a menu shown in a chat can still be answered by its number. */
export const MENU_LIFETIME_MS = 24 * 3600_000;

/**
 * The numbered menu each chat without buttons saw last, so that a typed "2" can come back as
 * the choice it numbers, as a pressed button does on Telegram. Only menus of plain messages
 * are kept (the dialog engine numbers its own questions in their text and reads the numbers
 * itself): any message without choices ends the chat's menu, so a number typed after a dialog
 * question always goes to the dialog. Held in the store, so a restart or a second instance
 * reads the same menu.
 */
export class NumberedMenus {
  constructor(
    private readonly store: ChatMenuRepository,
    private readonly now: () => Date,
    private readonly channel: Channel = "zalo",
  ) {}

  /** Records what a message sent to `chatId` offered: its choices, or none. */
  async shown(chatId: string, choices: Choice[] | undefined): Promise<void> {
    const key = this.key(chatId);
    if (!choices || choices.length === 0) {
      await this.store.delete(key);
      return;
    }
    await this.store.save({ key, choices, shownAt: this.now().toISOString() });
  }

  /** The choice a text picks from the chat's menu: one number from 1 to its length, else none. */
  async pick(chatId: string, text: string): Promise<Choice | undefined> {
    const match = /^\s*(\d{1,3})\s*[.)]?\s*$/u.exec(text.normalize("NFKC"));
    if (!match?.[1]) return undefined;
    const menu = await this.store.get(this.key(chatId));
    if (!menu) return undefined;
    if (this.now().getTime() - Date.parse(menu.shownAt) > MENU_LIFETIME_MS) return undefined;
    return menu.choices[Number(match[1]) - 1];
  }

  private key(chatId: string): string {
    return `${this.channel}:${chatId}`;
  }
}
