import type { Member } from "../domain/member.js";
import type { RoleGrant } from "../domain/role.js";
import type { Translate } from "../i18n.js";
import { roleInlineLabel, roleLabel } from "../reference/labels.js";

/**
 * Roles as an administrator reads them: the role in words, the unit and organisations by
 * the ids the role commands take ("Trưởng xóm ở hung-dao.nam-phong-2, Cán bộ tuyên truyền
 * ở thuc-phan (hoi-nong-dan)"); inside a sentence the role is a common noun.
 */
export function grantsText(
  t: Translate,
  grants: readonly RoleGrant[],
  where: { inSentence: boolean } = { inSentence: false },
): string {
  return grants
    .map((grant) => {
      const role = where.inSentence
        ? roleInlineLabel(t, undefined, grant.role)
        : roleLabel(t, grant.role);
      return grant.orgIds.length > 0
        ? String(
            t("cli:members.grantWithOrgs", {
              role,
              unit: grant.unitId,
              orgs: grant.orgIds.join(";"),
            }),
          )
        : String(t("cli:members.grant", { role, unit: grant.unitId }));
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
