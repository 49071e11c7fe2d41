import { deactivateMember } from "../../features/admin/member-admin.js";
import { defineCommand } from "../command.js";
import { memberChangeResult } from "../member-change.js";

/** `members deactivate <id>`: the member receives nothing and can use nothing; history stays. */
export const command = defineCommand({
  args: ["member-id"],
  async run({ t, store }, { args }) {
    const id = args[0] ?? "";
    return memberChangeResult(
      t,
      id,
      await deactivateMember(await store(), id),
      "cli:members.deactivated",
    );
  },
});
