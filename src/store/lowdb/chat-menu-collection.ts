import type { ChatMenuRepository, StoredChatMenu } from "../chat-menu-repository.js";
import { hashPartition } from "./collection.js";
import type { CollectionOpener } from "./collection-opener.js";

/** Chat menus on lowdb, spread over 16 files. */
export async function openChatMenus(open: CollectionOpener): Promise<ChatMenuRepository> {
  const menus = await open<StoredChatMenu>("chat-menus", {
    id: (m) => m.key,
    partition: hashPartition(16, (m) => m.key),
  });
  return {
    get: async (key) => menus.get(key),
    save: (menu) => menus.put(menu),
    // Most messages carry no menu: deleting what is not there must not cost a write.
    delete: async (key) => (menus.get(key) ? menus.remove(key) : undefined),
  };
}
