import type { Invite } from "../../domain/invite.js";
import { inviteRefusal, redeemInvite } from "../../domain/invite-redemption.js";
import type { Member } from "../../domain/member.js";
import type { SequenceRepository } from "../coordination-repositories.js";
import type { InviteRepository } from "../invite-repository.js";
import { nextMemberId } from "../member-ids.js";
import { type Collection, hashPartition } from "./collection.js";
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
    saveMany: (list) => invites.put(...list),
    redeem: async (code, chat, now) => {
      const at = new Date(now);
      const invite = invites.get(code);
      const refusal = inviteRefusal(invite, at);
      if (refusal || !invite) return { ok: false, reason: refusal ?? "unknown" };
      // Mark it used in memory at once, so a second redemption in flight is refused.
      const used: Invite = { ...invite, usedAt: now };
      const write = invites.put(used);
      const newId = invite.memberId ? "" : await nextMemberId(sequences);
      const target = invite.memberId ? members.get(invite.memberId) : undefined;
      if (invite.memberId && !target) {
        await invites.put(invite);
        return { ok: false, reason: "unknown" };
      }
      const owner = members.find("identity", `${chat.channel}:${chat.chatId}`)[0];
      const { member, released, created } = redeemInvite(invite, chat, target, owner, newId, at);
      await Promise.all([
        write,
        invites.put({ ...used, usedBy: member.id }),
        members.put(...(released ? [released, member] : [member])),
      ]);
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
