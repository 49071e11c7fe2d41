import type { Member } from "../../domain/member.js";
import { applyMembersImport, planMembersImport } from "../../features/admin/members-import.js";
import { CliError, defineCommand } from "../command.js";
import { problemLine } from "../tables.js";

/** `members add --name <n> --unit <id> --roles <r;r> [...]`: adds one member. */
export const command = defineCommand({
  options: {
    name: { type: "string", required: true, value: "name" },
    unit: { type: "string", required: true, value: "unit-id" },
    roles: { type: "string", required: true, value: "role;role" },
    orgs: { type: "string", value: "org;org" },
    lang: { type: "string", value: "vi|en" },
    phone: { type: "string", value: "phone" },
    id: { type: "string", value: "member-id" },
  },
  async run({ t, store, now, config }, { options }) {
    const opened = await store();
    const values = {
      id: options.id ?? "",
      name: options.name ?? "",
      unit: options.unit ?? "",
      roles: options.roles ?? "",
      orgs: options.orgs ?? "",
      lang: options.lang ?? "",
      phone: options.phone ?? "",
    };
    const plan = await planMembersImport(opened, [{ row: 0, values }], {
      now,
      defaultLocale: config.defaultLocale,
    });
    if (!plan.ok) {
      const lines = plan.problems.map((problem) => problemLine(t, { ...problem, row: 0 }));
      throw new CliError(lines[0] ?? "", lines.slice(1));
    }
    const change = plan.changes[0];
    if (!change) throw new CliError(String(t("cli:members.nothingToAdd")));
    if (change.action !== "add") {
      throw new CliError(String(t("cli:members.alreadyMember", { id: change.member.id })));
    }
    let member: Member | undefined;
    await applyMembersImport(opened, [change], plan, (written) => {
      member = written;
    });
    return {
      json: { member },
      text: String(t("cli:members.added", { id: member?.id, name: member?.name })),
    };
  },
});
