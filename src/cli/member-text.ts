import type { Member } from "../domain/member.js";
import type { Translate } from "../i18n.js";

/**
 * A member's roles as the CLI's role commands take them:
 * "hamlet_head@hung-dao.nam-phong-2, broadcaster@hung-dao(hoi-nong-dan)".
 */
export function rolesText(member: Pick<Member, "roles">): string {
  return member.roles
    .map((grant) => {
      const orgs = grant.orgIds.length > 0 ? `(${grant.orgIds.join(";")})` : "";
      return `${grant.role}@${grant.unitId}${orgs}`;
    })
    .join(", ");
}

/**
 * A member's state in a word or two: inactive, forgotten, opted out, unreachable on a
 * platform (so an admin sees whom `members reachable` may clear); empty when all is well.
 */
export function memberStatus(t: Translate, member: Member): string {
  if (member.forgottenAt) return String(t("cli:members.forgotten"));
  const unreachable = [
    ...new Set(member.identities.filter((i) => i.unreachable).map((i) => i.channel)),
  ].sort();
  return [
    member.active ? "" : String(t("cli:members.inactive")),
    member.optedOut ? String(t("cli:members.optedOut")) : "",
    unreachable.length > 0
      ? String(t("cli:members.unreachable", { channels: unreachable.join(", ") }))
      : "",
  ]
    .filter(Boolean)
    .join(", ");
}

/** The platforms a member is reachable on: "telegram, zalo". */
export function channelsText(member: Pick<Member, "identities">): string {
  return [...new Set(member.identities.map((identity) => identity.channel))].sort().join(", ");
}
