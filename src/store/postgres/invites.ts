import type { Invite } from "../../domain/invite.js";
import { inviteHolder, inviteRefusal, redeemInvite } from "../../domain/invite-redemption.js";
import type { Member } from "../../domain/member.js";
import { type InviteRepository, sharedRefusal } from "../invite-repository.js";
import { nextMemberId } from "../member-ids.js";
import { nextValue } from "./coordination.js";
import type { Database } from "./database.js";
import { docs, getDoc, lockDoc, putDocs } from "./document-table.js";
import { membersOfChat } from "./members.js";
import { invites, members } from "./tables.js";

/**
 * Invites on PostgreSQL. A redemption is one transaction holding the code: the second chat
 * to redeem it waits for the first to commit, then reads it used.
 */
export function inviteRepository(db: Database): InviteRepository {
  return {
    get: (code) => getDoc(db, invites, code),
    list: () => docs(db, "SELECT doc FROM invites ORDER BY pos"),
    save: (invite) => putDocs(db, invites, [invite]),
    saveMany: (list) => db.transaction((tx) => putDocs(tx, invites, list)),
    redeem: (code, chat, now, options) =>
      db.transaction(async (tx) => {
        const at = new Date(now);
        const invite = await lockDoc(tx, invites, code);
        const refusal = inviteRefusal(invite, at);
        if (refusal || !invite) return { ok: false, reason: refusal ?? "unknown" } as const;
        const target = invite.memberId ? await lockDoc(tx, members, invite.memberId) : undefined;
        if (invite.memberId && !target) return { ok: false, reason: "unknown" } as const;
        const found = await membersOfChat(tx, chat.channel, chat.chatId);
        const onChat: Member[] = [];
        for (const m of found) {
          const locked = m.id === target?.id ? target : await lockDoc(tx, members, m.id);
          if (locked) onChat.push(locked);
        }
        const holder = inviteHolder(invite, onChat);
        if ("someoneElse" in holder && holder.askFirst && !options?.share) {
          return sharedRefusal(invite, target, onChat, chat);
        }
        const newId =
          "someoneElse" in holder && !target
            ? await nextMemberId({ next: (name) => nextValue(tx, name) })
            : "";
        const { member, created } = redeemInvite(invite, chat, target, onChat, newId, at);
        const used: Invite = { ...invite, usedAt: now, usedBy: member.id };
        await putDocs(tx, invites, [used]);
        await putDocs(tx, members, [member]);
        return { ok: true, memberId: member.id, created } as const;
      }),
    revoke: (code, now) =>
      db.transaction(async (tx) => {
        const invite = await lockDoc(tx, invites, code);
        if (!invite) return "unknown";
        if (invite.revokedAt) return "already-revoked";
        if (invite.usedAt) return "used";
        await putDocs(tx, invites, [{ ...invite, revokedAt: now }]);
        return "revoked";
      }),
  };
}
