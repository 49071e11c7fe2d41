import { givenName, type Member } from "../domain/member.js";
import type { Translate } from "../i18n.js";

/**
 * How a message names the person it speaks to: salutation and given name where the
 * salutation is known ("anh Thắng", "bác Tình"), else "anh/chị" and the full name; in English
 * the full name. Lower-case, to stand inside a sentence.
 */
export function addressOf(t: Translate, member: Pick<Member, "name" | "salutation">): string {
  return member.salutation
    ? t("common:address.named", {
        salutation: member.salutation,
        given: givenName(member.name),
        name: member.name,
      })
    : t("common:address.unknown", { name: member.name });
}
