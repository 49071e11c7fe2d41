import { recordAdminAction } from "../../features/admin/admin-audit.js";
import { forgetMember } from "../../features/admin/member-admin.js";
import { cliActor } from "../actor.js";
import { defineCommand } from "../command.js";
import { memberChangeResult } from "../member-change.js";

/**
 * `members forget <id>`: erases a member's personal data on request; reports stay, anonymous.
 * The audit trail records that it was done, by whom and when (by member id only).
 */
export const command = defineCommand({
  args: ["member-id"],
  async run({ t, store, now }, { args }) {
    const id = args[0] ?? "";
    const opened = await store();
    const result = await forgetMember(opened, id, now);
    if (result.ok && result.changed) {
      await recordAdminAction(opened, "member-forgotten", id, cliActor(), now());
    }
    return memberChangeResult(t, id, result, "cli:members.forgot");
  },
});
