import type { Choice } from "../messaging/outbound.js";

/** The choices a chat saw last, so a typed number or label picks from them. */
export interface StoredChatMenu {
  /** `<channel>:<chatId>`, or another key of the channel's (its long button data). */
  key: string;
  choices: Choice[];
  /** One pick or several (absent in menus kept before it was recorded: one). */
  mode?: "single" | "multi";
  /** Marks which message a short reference to long button data was made for. */
  stamp?: string;
  shownAt: string;
}

/** Menus of chats without buttons: held in the store, so they hold across restarts and instances. */
export interface ChatMenuRepository {
  get(key: string): Promise<StoredChatMenu | undefined>;
  save(menu: StoredChatMenu): Promise<void>;
  delete(key: string): Promise<void>;
}
