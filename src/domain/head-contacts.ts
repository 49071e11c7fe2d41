import type { Member } from "./member.js";
import type { UnitTree } from "./unit-tree.js";

/**
 * A hamlet head as an official's list of missing reports names them: their name (with their
 * salutation once known, "anh Cường"), and their phone number only when the official may
 * call them (see `mayCallHeadsOf`).
 */
export interface HeadContact {
  name: string;
  salutation?: Member["salutation"];
  phone?: string;
}

/** Hamlet id → the heads to name beside it; a hamlet missing from it is named alone. */
export type HeadContacts = ReadonlyMap<string, readonly HeadContact[]>;

/** The active hamlet heads of each hamlet, in the order the members are given. */
export function headsByHamlet(members: readonly Member[]): Map<string, Member[]> {
  const heads = new Map<string, Member[]>();
  for (const member of members) {
    if (!member.active || member.forgottenAt) continue;
    for (const grant of member.roles) {
      if (grant.role !== "hamlet_head") continue;
      const list = heads.get(grant.unitId) ?? [];
      if (!list.includes(member)) list.push(member);
      heads.set(grant.unitId, list);
    }
  }
  return heads;
}

/**
 * True when the viewer may see the phone numbers of a hamlet's heads: one of their official
 * grants for the administration (not for a mass organisation) covers the hamlet. A head's
 * number is theirs to give; only the officials who answer for that hamlet are shown it.
 */
export function mayCallHeadsOf(viewer: Member, tree: UnitTree, hamletId: string): boolean {
  return callScopesOf(viewer).some((unitId) => tree.covers(unitId, hamletId));
}

/**
 * The units whose hamlet heads the viewer may call (`mayCallHeadsOf`): two viewers with the
 * same are shown the same contacts.
 */
export function callScopesOf(viewer: Member): string[] {
  return viewer.roles.flatMap((grant) =>
    grant.role === "official" && grant.orgIds.length === 0 ? [grant.unitId] : [],
  );
}

/**
 * The heads each hamlet's name comes with for this viewer: every head by name, the phone only
 * where `mayCallHeadsOf` allows it.
 */
export function headContactsFor(
  viewer: Member,
  tree: UnitTree,
  members: readonly Member[],
): HeadContacts {
  return contactsOfHeads(viewer, tree, headsByHamlet(members));
}

/** `headContactsFor`, from the heads of each hamlet (`headsByHamlet`) already gathered. */
export function contactsOfHeads(
  viewer: Member,
  tree: UnitTree,
  heads: ReadonlyMap<string, readonly Member[]>,
): HeadContacts {
  const contacts = new Map<string, HeadContact[]>();
  for (const [hamletId, hamletHeads] of heads) {
    const withPhone = mayCallHeadsOf(viewer, tree, hamletId);
    contacts.set(
      hamletId,
      hamletHeads.map((head) => ({
        name: head.name,
        ...(head.salutation ? { salutation: head.salutation } : {}),
        ...(withPhone && head.phone ? { phone: head.phone } : {}),
      })),
    );
  }
  return contacts;
}
