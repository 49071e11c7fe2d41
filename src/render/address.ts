import { givenName, type Member } from "../domain/member.js";
import type { Translate } from "../i18n.js";

/**
 * How a message names someone spoken of (a hamlet head in an official's list): salutation and
 * given name where the salutation is known ("anh Cường"), else the full name.
 */
export function referenceTo(t: Translate, member: Pick<Member, "name" | "salutation">): string {
  return member.salutation ? addressOf(t, member) : member.name;
}

/**
 * "You" in a message spoken to one person: "anh Thắng" once the salutation is known, else
 * "anh/chị" alone (the full name is for greetings and shared phones). Lower-case, to stand
 * inside a sentence; `capitalised` to open one.
 */
export function you(t: Translate, member: Pick<Member, "name" | "salutation">): string {
  return member.salutation ? addressOf(t, member) : t("common:address.you");
}

/**
 * The word that stands for the reader in the sentences after a greeting: their salutation
 * once known ("Chào bác Tình! Bác đã tham gia …"), else "anh/chị". Lower-case.
 */
export function pronounOf(t: Translate, member: Pick<Member, "salutation">): string {
  return member.salutation
    ? t("common:address.pronoun", { salutation: member.salutation })
    : t("common:address.you");
}

/** A name or address at the start of a sentence: "Anh Thắng", "Bác Tình". */
export function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);
}

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
