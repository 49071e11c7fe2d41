import type { HeadContacts } from "../../domain/head-contacts.js";
import type { Member } from "../../domain/member.js";
import type { UnitTree } from "../../domain/unit-tree.js";
import type { Store } from "../../store/store.js";
import { summarySourceOf } from "./summary-source.js";

/**
 * The hamlet heads a summary names beside missing hamlets, for one reader: as the members
 * stand now (a head who joined this morning is named), phones only where the reader may call.
 */
export async function readerContacts(
  store: Store,
  reader: Member,
  tree: UnitTree,
): Promise<HeadContacts> {
  return summarySourceOf(store).contacts(reader, tree);
}
