import type { Channel, Member } from "../domain/member.js";
import type { Store } from "../store/store.js";

/** The name a forgotten member keeps: neutral, in no language, identifying nobody. */
export const FORGOTTEN_NAME = "—";

/** The outcome of changing one member: the member after the change, or why nothing changed. */
export type MemberChange =
  | { ok: true; member: Member; changed: boolean }
  | { ok: false; reason: "unknown-member" | "forgotten-member" | "not-bound" };

/** Stops a member receiving anything and from using the bot; their history stays. */
export async function deactivateMember(store: Store, memberId: string): Promise<MemberChange> {
  const member = await store.members.get(memberId);
  if (!member) return { ok: false, reason: "unknown-member" };
  if (!member.active) return { ok: true, member, changed: false };
  const updated = { ...member, active: false };
  await store.members.save(updated);
  return { ok: true, member: updated, changed: true };
}

/**
 * Removes a member's chats on one platform (a lost or replaced phone): the old chat can no
 * longer act as them, and a new invite with `--member` binds the new one.
 */
export async function unbindMember(
  store: Store,
  memberId: string,
  channel: Channel,
): Promise<MemberChange> {
  const member = await store.members.get(memberId);
  if (!member) return { ok: false, reason: "unknown-member" };
  const identities = member.identities.filter((identity) => identity.channel !== channel);
  if (identities.length === member.identities.length) return { ok: false, reason: "not-bound" };
  const updated = { ...member, identities };
  await store.members.save(updated);
  return { ok: true, member: updated, changed: true };
}

/**
 * Erases a member's personal data on their request: name, phone, chats, drafts, and their
 * name on invites. What they reported stays, as anonymous history of their unit; unused
 * invites that would bind a chat to them are revoked.
 */
export async function forgetMember(
  store: Store,
  memberId: string,
  now: () => Date,
): Promise<MemberChange> {
  const member = await store.members.get(memberId);
  if (!member) return { ok: false, reason: "unknown-member" };
  if (member.forgottenAt) return { ok: false, reason: "forgotten-member" };
  const at = now().toISOString();
  const { phone: _phone, ...rest } = member;
  const forgotten: Member = {
    ...rest,
    name: FORGOTTEN_NAME,
    identities: [],
    active: false,
    optedOut: true,
    forgottenAt: at,
  };
  const invites = (await store.invites.list()).filter(
    (invite) => invite.memberId === memberId || invite.usedBy === memberId,
  );
  const scrubbed = invites.map(({ name: _name, ...invite }) =>
    invite.usedAt || invite.revokedAt ? invite : { ...invite, revokedAt: at },
  );
  await Promise.all([
    store.members.save(forgotten),
    store.dialogs.delete(memberId),
    scrubbed.length > 0 ? store.invites.saveMany(scrubbed) : Promise.resolve(),
  ]);
  return { ok: true, member: forgotten, changed: true };
}
