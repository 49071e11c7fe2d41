import { writeFile } from "node:fs/promises";
import { recordAdminAction } from "../../features/admin/admin-audit.js";
import { exportMember } from "../../features/admin/member-export.js";
import { cliActor } from "../actor.js";
import { CliError, defineCommand } from "../command.js";

/**
 * `members export <id> [--out <file>]`: everything kept about one person, as JSON, for their
 * request to see it. A file is written readable by its owner only: it is personal data. The
 * audit trail records that it was exported, by whom and when.
 */
export const command = defineCommand({
  args: ["member-id"],
  options: { out: { type: "string", value: "file" } },
  async run({ t, store, now }, { args, options }) {
    const id = args[0] ?? "";
    const opened = await store();
    const exported = await exportMember(opened, id, now);
    if (!exported) throw new CliError(String(t("cli:members.refused.unknown-member", { id })));
    if (options.out) {
      await writeFile(options.out, `${JSON.stringify(exported, null, 2)}\n`, { mode: 0o600 });
    }
    await recordAdminAction(opened, "member-exported", id, cliActor(), now());
    if (!options.out) return { json: exported, text: JSON.stringify(exported, null, 2) };
    return {
      json: { file: options.out, member: id },
      text: String(t("cli:members.exported", { id, file: options.out })),
    };
  },
});
