import type { Channel, Member } from "../domain/member.js";

/** Members and their chat identities. */
export interface MemberRepository {
  get(id: string): Promise<Member | undefined>;
  list(): Promise<Member[]>;
  /** Members whose unit is one of these (e.g. the hamlets of a commune). */
  listInUnits(unitIds: readonly string[]): Promise<Member[]>;
  /** The member bound to this chat, if any. */
  findByIdentity(channel: Channel, chatId: string): Promise<Member | undefined>;
  findByPhone(phone: string): Promise<Member[]>;
  save(member: Member): Promise<void>;
  /** Saves all or, if any is invalid, none. */
  saveMany(members: Member[]): Promise<void>;
  /**
   * Records that the member wrote from this chat now (broadcasts use the channel used last),
   * and lifts any unreachable mark on it: they just reached us from there.
   */
  touchIdentity(memberId: string, channel: Channel, chatId: string, at: string): Promise<void>;
}
