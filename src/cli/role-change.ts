import { localDate } from "../domain/local-time.js";
import { isRole } from "../domain/role.js";
import type { RoleChange, RoleChangeResult } from "../features/admin/roles.js";
import type { Translate } from "../i18n.js";
import { roleInlineLabel, unitInlineLabel } from "../reference/labels.js";
import type { Store } from "../store/store.js";
import { CliError, type CommandResult, defineCommand } from "./command.js";
import { orgsFrom } from "./invite-request.js";
import { grantsText } from "./member-text.js";
import { asSentence } from "./tables.js";

/** `roles grant|revoke <member-id> <role> [--unit <id>] [--org <id>...]`, around `change`. */
export function roleCommand(
  change: (store: Store, request: RoleChange) => Promise<RoleChangeResult>,
  doneKey: string,
) {
  return defineCommand({
    args: ["member-id", "role"],
    options: {
      unit: { type: "string", value: "unit-id" },
      org: { type: "string", multiple: true, value: "org-id" },
    },
    async run({ t, store, now, config }, { args, options }) {
      const [memberId = "", roleText = ""] = args;
      const role = roleText.trim().toLowerCase();
      if (!isRole(role)) {
        throw new CliError(asSentence(String(t("cli:problems.unknown-role", { value: roleText }))));
      }
      const orgIds = orgsFrom(options.org);
      const result = await change(await store(), {
        memberId,
        role,
        ...(options.unit ? { unitId: options.unit } : {}),
        ...(orgIds.length > 0 ? { orgIds } : {}),
        today: localDate(now(), config.timeZone),
      });
      return roleResult(t, result, doneKey, {
        id: memberId,
        role: roleInlineLabel(t, undefined, role),
      });
    },
  });
}

function roleResult(
  t: Translate,
  result: RoleChangeResult,
  doneKey: string,
  params: Record<string, string>,
): CommandResult {
  if (!result.ok && result.reason === "already-held") {
    // Granting what is held is not a mistake: scripts may run twice.
    return {
      json: { memberId: params.id, changed: false },
      text: String(t("cli:roles.refused.already-held", params)),
    };
  }
  if (!result.ok) {
    throw new CliError(
      String(
        t(`cli:roles.refused.${result.reason}`, {
          ...params,
          value: result.value,
          successor: result.successor?.id,
          successorName: result.successor
            ? unitInlineLabel(t, undefined, result.successor)
            : undefined,
        }),
      ),
    );
  }
  return {
    json: { member: result.member, grants: result.grants, changed: true },
    text: [
      String(t(doneKey, { ...params, grants: grantsText(t, result.grants, { inSentence: true }) })),
      String(t("cli:roles.now", { roles: grantsText(t, result.member.roles) || "—" })),
    ],
  };
}
