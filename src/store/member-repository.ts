import type { Channel, Locale, Member } from "../domain/member.js";
import type { FailureDay, LiftedMarks } from "../domain/reachability.js";
import type { Role } from "../domain/role.js";

/**
 * Members and their chat identities. A member that exists changes only through narrow
 * operations, each applied to the stored record at the moment of writing, or through
 * `replace`, a compare-and-set on the whole record: a change made from a copy read earlier
 * never undoes what happened in between (a chat marked reachable, a `lastSeenAt` moved on).
 * Each operation returns the member as stored after it, or undefined for an unknown id.
 */
export interface MemberRepository {
  get(id: string): Promise<Member | undefined>;
  list(): Promise<Member[]>;
  /**
   * Members granted this role over any unit, active or not: the 2,000 hamlet heads of a
   * province without going through its 100,000 members.
   */
  listWithRole(role: Role): Promise<Member[]>;
  /** Members whose unit is one of these (e.g. the hamlets of a commune). */
  listInUnits(unitIds: readonly string[]): Promise<Member[]>;
  /**
   * The members bound to this chat, in the order they joined it: usually one, several when
   * a household shares a phone.
   */
  membersOfChat(channel: Channel, chatId: string): Promise<Member[]>;
  findByPhone(phone: string): Promise<Member[]>;
  /** Stores a new member, or a whole record an admin import decides (seed data, CSV). */
  save(member: Member): Promise<void>;
  /** Saves all or, if any is invalid, none. */
  saveMany(members: Member[]): Promise<void>;
  /**
   * Stores `next` only if the stored member still equals `expected` (the copy it was made
   * from); false, and nothing stored, when someone changed it in between.
   */
  replace(expected: Member, next: Member): Promise<boolean>;
  /**
   * Records that the member wrote from this chat now (broadcasts use the channel used last),
   * and lifts any unreachable mark on it: they just reached us from there.
   */
  touchIdentity(memberId: string, channel: Channel, chatId: string, at: string): Promise<void>;
  setLocale(memberId: string, locale: Locale): Promise<Member | undefined>;
  /** `/stop` (true) and `/start` again (false). */
  setOptedOut(memberId: string, optedOut: boolean): Promise<Member | undefined>;
  /** The platform said this chat cannot be reached (blocked, chat gone). */
  markUnreachable(
    memberId: string,
    channel: Channel,
    chatId: string,
    reason: string,
    at: string,
  ): Promise<Member | undefined>;
  /** Lifts the marks and counted failure days of the member's chats on one platform. */
  markReachable(memberId: string, channel: Channel): Promise<LiftedMarks | undefined>;
  /** Counts a day of permanent failure on a chat; `unreachable` when that marked it. */
  recordFailureDay(
    memberId: string,
    failure: FailureDay,
  ): Promise<{ member: Member; unreachable: boolean } | undefined>;
}
