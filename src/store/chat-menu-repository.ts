import type { Choice } from "../messaging/outbound.js";

/** The numbered menu a chat without buttons saw last, so a typed number picks from it. */
export interface StoredChatMenu {
  /** `<channel>:<chatId>` */
  key: string;
  choices: Choice[];
  shownAt: string;
}

/** Menus of chats without buttons: held in the store, so they hold across restarts and instances. */
export interface ChatMenuRepository {
  get(key: string): Promise<StoredChatMenu | undefined>;
  save(menu: StoredChatMenu): Promise<void>;
  delete(key: string): Promise<void>;
}
