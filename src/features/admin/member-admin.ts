import type { Channel, Member } from "../../domain/member.js";
import { updateMember } from "../../store/member-update.js";
import type { Store } from "../../store/store.js";

/** The name a forgotten member keeps: neutral, in no language, identifying nobody. */
export const FORGOTTEN_NAME = "—";

/** The outcome of changing one member: the member after the change, or why nothing changed. */
export type MemberChange =
  | { ok: true; member: Member; changed: boolean }
  | { ok: false; reason: "unknown-member" | "forgotten-member" | "not-bound" };

/** Stops a member receiving anything and from using the bot; their history stays. */
export async function deactivateMember(store: Store, memberId: string): Promise<MemberChange> {
  const updated = await updateMember<never>(store.members, memberId, (member) =>
    member.active ? { ...member, active: false } : member,
  );
  if (!updated || "refused" in updated) return { ok: false, reason: "unknown-member" };
  return { ok: true, member: updated.member, changed: updated.member !== updated.before };
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
  const updated = await updateMember<"forgotten-member" | "not-bound">(
    store.members,
    memberId,
    (member) => {
      const identities = member.identities.filter((identity) => identity.channel !== channel);
      return identities.length === member.identities.length
        ? ("not-bound" as const)
        : { ...member, identities };
    },
  );
  if (!updated) return { ok: false, reason: "unknown-member" };
  if ("refused" in updated) return { ok: false, reason: updated.refused };
  return { ok: true, member: updated.member, changed: true };
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
  const at = now().toISOString();
  const updated = await updateMember<"forgotten-member" | "not-bound">(
    store.members,
    memberId,
    (member) => {
      if (member.forgottenAt) return "forgotten-member" as const;
      const { phone: _phone, ...rest } = member;
      return {
        ...rest,
        name: FORGOTTEN_NAME,
        identities: [],
        active: false,
        optedOut: true,
        forgottenAt: at,
      };
    },
  );
  if (!updated) return { ok: false, reason: "unknown-member" };
  if ("refused" in updated) return { ok: false, reason: updated.refused };
  const invites = (await store.invites.list()).filter(
    (invite) => invite.memberId === memberId || invite.usedBy === memberId,
  );
  const scrubbed = invites.map(({ name: _name, ...invite }) =>
    invite.usedAt || invite.revokedAt ? invite : { ...invite, revokedAt: at },
  );
  await Promise.all([
    store.dialogs.delete(memberId),
    scrubbed.length > 0 ? store.invites.saveMany(scrubbed) : Promise.resolve(),
  ]);
  return { ok: true, member: updated.member, changed: true };
}
