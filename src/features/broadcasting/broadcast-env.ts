import type { Outbox } from "../../delivery/outbox.js";
import { type Audience, type AudienceSelection, audienceFor } from "../../domain/audience.js";
import type { Broadcast } from "../../domain/broadcast.js";
import { UnitTree } from "../../domain/unit-tree.js";
import type { Store } from "../../store/store.js";
import type { AppDeps } from "../app-deps.js";

/** What the broadcasting use cases need: the app's dependencies and the outbox. */
export interface BroadcastEnv {
  deps: AppDeps;
  /** Every message to members, authors and approvers leaves through it. */
  outbox: Outbox;
  /** Told after every stored change of a broadcast (the story library follows its stories). */
  observers: Set<(broadcast: Broadcast) => void>;
}

/** The unit tree as stored now. */
export async function unitTreeOf(store: Store): Promise<UnitTree> {
  return new UnitTree(await store.units.list());
}

/** Who an audience reaches among the members stored now. */
export async function selectAudience(store: Store, audience: Audience): Promise<AudienceSelection> {
  const [tree, members] = await Promise.all([unitTreeOf(store), store.members.list()]);
  return audienceFor(members, audience, tree);
}
