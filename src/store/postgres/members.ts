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
import type { Database, Queryable } from "./database.js";
import { docs, getDoc, lockDoc, putDocs } from "./document-table.js";
import { identityKey, members } from "./tables.js";

/** The members bound to a chat, in the order they joined it. */
export async function membersOfChat(
  db: Queryable,
  channel: string,
  chatId: string,
): Promise<Member[]> {
  const found = await docs<Member>(
    db,
    "SELECT doc FROM members WHERE identity_keys @> ARRAY[$1]::text[] ORDER BY pos",
    [identityKey(channel, chatId)],
  );
  return inJoiningOrder(found, channel, chatId);
}

/** Members on PostgreSQL: each change decided on the stored record while holding it. */
export function memberRepository(db: Database): MemberRepository {
  const change = <R>(
    memberId: string,
    apply: (member: Member) => { member: Member; result: R },
  ): Promise<R | undefined> =>
    db.transaction(async (tx) => {
      const stored = await lockDoc(tx, members, memberId);
      if (!stored) return undefined;
      const { member, result } = apply(stored);
      if (member !== stored) await putDocs(tx, members, [member]);
      return result;
    });
  const to = (member: Member) => ({ member, result: member });
  return {
    get: (id) => getDoc(db, members, id),
    list: () => docs(db, "SELECT doc FROM members ORDER BY pos"),
    listWithRole: (role) =>
      docs(db, "SELECT doc FROM members WHERE doc->'roles' @> $1::jsonb ORDER BY pos", [
        JSON.stringify([{ role }]),
      ]),
    listInUnits: (unitIds) =>
      docs(
        db,
        // Unit by unit, in the order asked for.
        `SELECT doc FROM members WHERE unit_id = ANY($1::text[])
         ORDER BY array_position($1::text[], unit_id), pos`,
        [[...unitIds]],
      ),
    membersOfChat: (channel, chatId) => membersOfChat(db, channel, chatId),
    findByPhone: (phone) =>
      docs(db, "SELECT doc FROM members WHERE phone = $1 ORDER BY pos", [phone]),
    save: (member) => putDocs(db, members, [member]),
    saveMany: (list) => db.transaction((tx) => putDocs(tx, members, list)),
    replace: async (expected, next) =>
      next.id === expected.id &&
      (await db.transaction(async (tx) => {
        const stored = await lockDoc(tx, members, expected.id);
        if (!stored || !isDeepStrictEqual(stored, asJson(expected))) return false;
        await putDocs(tx, members, [next]);
        return true;
      })),
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
