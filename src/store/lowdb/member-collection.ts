import { isDeepStrictEqual } from "node:util";
import type { Member } from "../../domain/member.js";
import {
  markReachable,
  markUnreachable,
  recordFailureDay,
  touchIdentity,
} from "../../domain/reachability.js";
import { inJoiningOrder } from "../../domain/shared-chat.js";
import type { MemberRepository } from "../member-repository.js";
import type { Collection } from "./collection.js";
import { hashPartition, hashPartitionOf } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";
import { SharedValues } from "./shared-values.js";

/**
 * Logged changes between two rewrites of the changed partitions. A Friday evening's heads each
 * mark themselves seen on their first message (their last was days ago): each mark rewrote a
 * file of about 1,600 members (530 KB at a province's size, 2.5 s of the bot's CPU for 300
 * heads, its memory up by 400 MiB), where a log line is a few hundred bytes.
 */
const CHECKPOINT_EVERY = 5_000;

/** Member files: a province's 100,000 members make 64 files of about 530 KB. */
const PARTITIONS = 64;

/**
 * The members collection: spread over 64 files, indexed by chat identity, unit, phone and
 * role. A start reads only the chat identities kept beside each file; a message's member is
 * found by reading the one file that holds its chat, the rest after the first answers.
 */
export function openMemberCollection(open: CollectionOpener): Promise<Collection<Member>> {
  const shared = new SharedValues();
  return open<Member>("members", {
    id: (m) => m.id,
    partition: hashPartition(PARTITIONS, (m) => m.id),
    routes: { index: "identity", partitionOfId: (id) => hashPartitionOf(PARTITIONS, id) },
    changeLog: { checkpointEvery: CHECKPOINT_EVERY },
    indexes: {
      identity: (m) => m.identities.map((i) => `${i.channel}:${i.chatId}`),
      unit: (m) => [m.unitId],
      phone: (m) => (m.phone ? [m.phone] : []),
      // Everyone is a member: that key would hold every id, so it is left out (see `listWithRole`).
      role: (m) => [...new Set(m.roles.map((grant) => grant.role))].filter((r) => r !== "member"),
    },
    shareValues: (m) => {
      m.unitId = shared.text(m.unitId);
      m.orgIds = shared.list(m.orgIds);
      for (const grant of m.roles) {
        grant.unitId = shared.text(grant.unitId);
        grant.orgIds = shared.list(grant.orgIds);
      }
    },
  });
}

/** Members on lowdb. */
export function memberRepository(members: Collection<Member>): MemberRepository {
  /**
   * Applies a change to the stored member: read and write happen in one tick, so no other
   * change can come between them.
   */
  const change = async <R>(
    memberId: string,
    apply: (member: Member) => { member: Member; result: R },
  ): Promise<R | undefined> => {
    const stored = members.get(memberId);
    if (!stored) return undefined;
    const { member, result } = apply(stored);
    if (member !== stored) await members.put(member);
    return result;
  };
  const to = (member: Member) => ({ member, result: member });
  return {
    get: async (id) => members.get(id),
    list: async () => members.all(),
    listWithRole: async (role) =>
      role === "member"
        ? members.all().filter((m) => m.roles.some((grant) => grant.role === role))
        : members.find("role", role),
    listInUnits: async (unitIds) => unitIds.flatMap((unitId) => members.find("unit", unitId)),
    membersOfChat: async (channel, chatId) =>
      inJoiningOrder(members.find("identity", `${channel}:${chatId}`), channel, chatId),
    findByPhone: async (phone) => members.find("phone", phone),
    save: (member) => members.put(member),
    saveMany: (list) => members.putMany(list),
    replace: async (expected, next) => {
      const stored = members.get(expected.id);
      if (
        !stored ||
        next.id !== expected.id ||
        !isDeepStrictEqual(asJson(stored), asJson(expected))
      ) {
        return false;
      }
      await members.put(next);
      return true;
    },
    touchIdentity: async (memberId, channel, chatId, at) => {
      await change(memberId, (m) => to(touchIdentity(m, channel, chatId, at)));
    },
    setLocale: (memberId, locale) =>
      change(memberId, (m) => to(m.locale === locale ? m : { ...m, locale })),
    setOptedOut: (memberId, optedOut) =>
      change(memberId, (m) => to(m.optedOut === optedOut ? m : { ...m, optedOut })),
    markUnreachable: (memberId, channel, chatId, reason, at) =>
      change(memberId, (m) => to(markUnreachable(m, channel, chatId, reason, at))),
    markReachable: (memberId, channel) =>
      change(memberId, (m) => {
        const lifted = markReachable(m, channel);
        return { member: lifted.member, result: lifted };
      }),
    recordFailureDay: (memberId, failure) =>
      change(memberId, (m) => {
        const counted = recordFailureDay(m, failure);
        return { member: counted.member, result: counted };
      }),
  };
}

/** The record as JSON sees it: a property set to undefined and one absent are the same. */
function asJson(member: Member): unknown {
  return JSON.parse(JSON.stringify(member));
}
