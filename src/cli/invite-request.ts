import { LOCALES, type Locale, readSalutation, type Salutation } from "../domain/member.js";
import { isRole, type Role } from "../domain/role.js";
import type { InviteProblem } from "../features/admin/invites.js";
import type { Translate } from "../i18n.js";
import { unitInlineLabel, unitLabel } from "../reference/labels.js";
import { CliError } from "./command.js";
import { asSentence } from "./tables.js";

/** Roles from `--role` values, each possibly `;`- or `,`-separated; fails on an unknown one. */
export function rolesFrom(t: Translate, values: readonly string[] | undefined): Role[] {
  const roles: Role[] = [];
  for (const item of (values ?? []).flatMap((value) => value.split(/[;,]/))) {
    const role = item.trim().toLowerCase();
    if (role === "") continue;
    if (!isRole(role)) {
      throw new CliError(
        asSentence(String(t("cli:problems.unknown-role", { value: item.trim() }))),
      );
    }
    if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

/** The language from `--lang`, or undefined; fails on anything but vi or en. */
export function localeFrom(t: Translate, value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  const locale = value.trim().toLowerCase();
  if (!(LOCALES as readonly string[]).includes(locale)) {
    throw new CliError(asSentence(String(t("cli:problems.bad-lang", { value }))));
  }
  return locale as Locale;
}

/** The salutation from `--salutation`, or undefined; fails on anything but the six. */
export function salutationFrom(t: Translate, value: string | undefined): Salutation | undefined {
  if (value === undefined) return undefined;
  const salutation = readSalutation(value);
  if (!salutation) {
    throw new CliError(asSentence(String(t("cli:problems.bad-salutation", { value }))));
  }
  return salutation;
}

/** Organisation ids from repeated or `;`-separated `--org` values. */
export function orgsFrom(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(/[;,]/))
    .map((id) => id.trim())
    .filter(Boolean);
}

/** An invite problem in the admin's words; an ended unit and its successor named as labelled. */
export function inviteProblemText(t: Translate, problem: InviteProblem): string {
  const { code: _code, ...params } = problem;
  const named =
    problem.code === "ended-unit"
      ? {
          ...params,
          name: unitLabel(t, { id: problem.value, name: problem.name }),
          successorName: unitInlineLabel(t, undefined, {
            id: problem.successor,
            name: problem.successorName,
          }),
        }
      : params;
  return asSentence(String(t(`cli:problems.invite-${problem.code}`, named)));
}
