import type { Outbox } from "../../delivery/outbox.js";
import { type Audience, type AudienceSelection, audienceFor } from "../../domain/audience.js";
import type { Broadcast } from "../../domain/broadcast.js";
import type { Member } from "../../domain/member.js";
import { reachableIdentity } from "../../domain/reachability.js";
import { onePerChat } from "../../domain/shared-chat.js";
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

/**
 * Who an audience reaches among the members stored now, one message per chat: people sharing
 * a phone are counted once and sent one message (`alsoReached` are reached through another's).
 */
export async function selectAudience(store: Store, audience: Audience): Promise<ChatSelection> {
  const [tree, members] = await Promise.all([unitTreeOf(store), store.members.list()]);
  const selection = audienceFor(members, audience, tree);
  const perChat = onePerChat(selection.recipients, members);
  const byChannel = new Map(selection.byChannel);
  for (const member of perChat.alsoReached) {
    const channel = reachableIdentity(member)?.channel;
    const count = channel ? byChannel.get(channel) : undefined;
    if (channel && count !== undefined) {
      if (count > 1) byChannel.set(channel, count - 1);
      else byChannel.delete(channel);
    }
  }
  return { ...selection, ...perChat, byChannel };
}

/** An audience's selection with one recipient per chat. */
export interface ChatSelection extends AudienceSelection {
  /** In the audience and reached by the message to someone on the same phone. */
  alsoReached: Member[];
  /** Recipients on a phone shared with people the message is not for: named in it. */
  addressed: Set<string>;
}
