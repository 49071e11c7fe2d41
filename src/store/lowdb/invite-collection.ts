import type { Invite } from "../../domain/invite.js";
import { inviteHolder, inviteRefusal, redeemInvite } from "../../domain/invite-redemption.js";
import type { Member } from "../../domain/member.js";
import { inJoiningOrder } from "../../domain/shared-chat.js";
import type { SequenceRepository } from "../coordination-repositories.js";
import { type InviteRepository, sharedRefusal } from "../invite-repository.js";
import { nextMemberId } from "../member-ids.js";
import type { Collection } from "./collection.js";
import { hashPartition } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";

/** Invites on lowdb; redemption is atomic because it decides before its first await. */
export async function openInvites(
  open: CollectionOpener,
  members: Collection<Member>,
  sequences: SequenceRepository,
): Promise<InviteRepository> {
  const invites = await open<Invite>("invites", {
    id: (i) => i.code,
    partition: hashPartition(16, (i) => i.code),
  });
  return {
    get: async (code) => invites.get(code),
    list: async () => invites.all(),
    save: (invite) => invites.put(invite),
    saveMany: (list) => invites.putMany(list),
    redeem: async (code, chat, now, options) => {
      const at = new Date(now);
      const invite = invites.get(code);
      const refusal = inviteRefusal(invite, at);
      if (refusal || !invite) return { ok: false, reason: refusal ?? "unknown" };
      const target = invite.memberId ? members.get(invite.memberId) : undefined;
      if (invite.memberId && !target) return { ok: false, reason: "unknown" };
      const key = `${chat.channel}:${chat.chatId}`;
      const onChat = inJoiningOrder(members.find("identity", key), chat.channel, chat.chatId);
      const holder = inviteHolder(invite, onChat);
      if ("someoneElse" in holder && holder.askFirst && !options?.share) {
        return sharedRefusal(invite, target, onChat, chat);
      }
      // Mark it used in memory at once, so a second redemption in flight is refused.
      const used: Invite = { ...invite, usedAt: now };
      const write = invites.put(used);
      const newId = "someoneElse" in holder && !target ? await nextMemberId(sequences) : "";
      // The chat as it is now: someone may have joined it while the id was drawn.
      const current = inJoiningOrder(members.find("identity", key), chat.channel, chat.chatId);
      const { member, created } = redeemInvite(invite, chat, target, current, newId, at);
      await Promise.all([write, invites.put({ ...used, usedBy: member.id }), members.put(member)]);
      return { ok: true, memberId: member.id, created };
    },
    revoke: async (code, now) => {
      const invite = invites.get(code);
      if (!invite) return "unknown";
      if (invite.revokedAt) return "already-revoked";
      if (invite.usedAt) return "used";
      await invites.put({ ...invite, revokedAt: now });
      return "revoked";
    },
  };
}
