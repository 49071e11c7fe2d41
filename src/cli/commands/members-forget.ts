import { forgetMember } from "../../features/admin/member-admin.js";
import { defineCommand } from "../command.js";
import { memberChangeResult } from "../member-change.js";

/** `members forget <id>`: erases a member's personal data on request; reports stay, anonymous. */
export const command = defineCommand({
  args: ["member-id"],
  async run({ t, store, now }, { args }) {
    const id = args[0] ?? "";
    return memberChangeResult(
      t,
      id,
      await forgetMember(await store(), id, now),
      "cli:members.forgot",
    );
  },
});
