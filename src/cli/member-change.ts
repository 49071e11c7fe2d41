import type { MemberChange } from "../features/admin/member-admin.js";
import type { Translate } from "../i18n.js";
import { CliError, type CommandResult } from "./command.js";

/** The output of a one-member change, or the failure saying why nothing changed. */
export function memberChangeResult(
  t: Translate,
  memberId: string,
  result: MemberChange,
  doneKey: string,
  params: Record<string, string> = {},
): CommandResult {
  if (!result.ok) {
    throw new CliError(
      String(t(`cli:members.refused.${result.reason}`, { id: memberId, ...params })),
    );
  }
  const key = result.changed ? doneKey : "cli:members.unchanged";
  return {
    json: { member: result.member, changed: result.changed },
    text: String(t(key, { id: memberId, name: result.member.name, ...params })),
  };
}
