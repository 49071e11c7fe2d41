import type { Member } from "../../domain/member.js";
import type { MemberRepository } from "../member-repository.js";
import { type Collection, hashPartition } from "./collection.js";
import type { CollectionOpener } from "./collection-opener.js";

/** The members collection: spread over 64 files, indexed by chat identity, unit and phone. */
export function openMemberCollection(open: CollectionOpener): Promise<Collection<Member>> {
  return open<Member>("members", {
    id: (m) => m.id,
    partition: hashPartition(64, (m) => m.id),
    indexes: {
      identity: (m) => m.identities.map((i) => `${i.channel}:${i.chatId}`),
      unit: (m) => [m.unitId],
      phone: (m) => (m.phone ? [m.phone] : []),
    },
  });
}

/** Members on lowdb. */
export function memberRepository(members: Collection<Member>): MemberRepository {
  return {
    get: async (id) => members.get(id),
    list: async () => members.all(),
    listInUnits: async (unitIds) => unitIds.flatMap((unitId) => members.find("unit", unitId)),
    findByIdentity: async (channel, chatId) => members.find("identity", `${channel}:${chatId}`)[0],
    findByPhone: async (phone) => members.find("phone", phone),
    save: (member) => members.put(member),
    saveMany: (list) => members.put(...list),
    touchIdentity: async (memberId, channel, chatId, at) => {
      const member = members.get(memberId);
      if (!member) return;
      await members.put({
        ...member,
        // A person who writes from a chat can be reached there again: lift any mark.
        identities: member.identities.map((i) =>
          i.channel === channel && i.chatId === chatId
            ? { ...i, lastSeenAt: at, unreachable: undefined, failureDays: undefined }
            : i,
        ),
      });
    },
  };
}
