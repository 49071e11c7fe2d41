import type { Inbound } from "../messaging/inbound.js";
import { readTypedChoice } from "../messaging/numbered-choices.js";
import type { Outbound } from "../messaging/outbound.js";
import type { ChatMenuRepository } from "../store/chat-menu-repository.js";

/** How long a menu shown in a chat can still be answered by its number. */
export const MENU_LIFETIME_MS = 24 * 3600_000;

/**
 * The choices each chat without buttons saw last, so that a typed "2", "1 3" or a label's
 * words come back as the choice they pick, as a pressed button does where there are buttons.
 * Dialog questions and plain messages alike; any message without choices ends the chat's
 * menu, so a number typed after a question that asks for a number stays a number. Held in the
 * store, so a restart or a second instance reads the same menu.
 */
export class ChatMenus {
  constructor(
    private readonly store: ChatMenuRepository,
    private readonly now: () => Date,
    /** The channel's id, so that two channels' chats never share a menu. */
    private readonly channel: string,
  ) {}

  /** Records what a message sent to `chatId` offered: its choices, or none. */
  async shown(chatId: string, message: Outbound): Promise<void> {
    const key = this.key(chatId);
    const choices = (message.choices ?? []).flat();
    if (choices.length === 0) {
      await this.store.delete(key);
      return;
    }
    await this.store.save({
      key,
      choices,
      mode: message.choiceMode ?? "single",
      shownAt: this.now().toISOString(),
    });
  }

  /**
   * A typed text as the choice it picks from the chat's menu (a still fresh one), else the
   * Inbound as it came.
   */
  async read(inbound: Inbound): Promise<Inbound> {
    if (inbound.kind !== "text") return inbound;
    const menu = await this.store.get(this.key(inbound.chatId));
    if (!menu) return inbound;
    if (this.now().getTime() - Date.parse(menu.shownAt) > MENU_LIFETIME_MS) return inbound;
    const picked = readTypedChoice(inbound.text ?? "", menu.choices, menu.mode ?? "single");
    if (!picked) return inbound;
    const { text: _typed, ...rest } = inbound;
    return { ...rest, kind: "choice", choice: picked };
  }

  private key(chatId: string): string {
    return `${this.channel}:${chatId}`;
  }
}
