import type { ChatMenuRepository } from "../chat-menu-repository.js";
import type { Database } from "./database.js";
import { getDoc, putDocs, removeDocs } from "./document-table.js";
import { chatMenus } from "./tables.js";

/** Chat menus on PostgreSQL. */
export function chatMenuRepository(db: Database): ChatMenuRepository {
  return {
    get: (key) => getDoc(db, chatMenus, key),
    save: (menu) => putDocs(db, chatMenus, [menu]),
    delete: (key) => removeDocs(db, chatMenus, [key]),
  };
}
