import type { ChatMenuRepository, StoredChatMenu } from "../chat-menu-repository.js";
import { hashPartition } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";

/** Logged changes between two rewrites of the changed partitions (see `openDialogs`). */
const CHECKPOINT_EVERY = 5_000;

/** Chat menus on lowdb, spread over 16 files. */
export async function openChatMenus(open: CollectionOpener): Promise<ChatMenuRepository> {
  const menus = await open<StoredChatMenu>("chat-menus", {
    id: (m) => m.key,
    partition: hashPartition(16, (m) => m.key),
    // A chat's menu is remembered with nearly every answer carrying buttons: appended to a
    // log with the other changes of its tick rather than rewriting a partition file each time.
    changeLog: { checkpointEvery: CHECKPOINT_EVERY },
  });
  return {
    get: async (key) => menus.get(key),
    save: (menu) => menus.put(menu),
    // Most messages carry no menu: deleting what is not there must not cost a write.
    delete: async (key) => (menus.get(key) ? menus.remove(key) : undefined),
  };
}
