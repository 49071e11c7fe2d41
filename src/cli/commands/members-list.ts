import { UnitTree } from "../../domain/unit-tree.js";
import { CliError, defineCommand } from "../command.js";
import { channelsText, grantsText, memberStatus } from "../member-text.js";
import { asSentence } from "../tables.js";
import { textTable } from "../text-table.js";

/** `members list [--unit <id>]`: every member (of a unit's subtree), by id. */
export const command = defineCommand({
  options: { unit: { type: "string", value: "unit-id" } },
  async run({ t, store }, { options }) {
    const opened = await store();
    let members = (await opened.members.list()).sort((a, b) => a.id.localeCompare(b.id));
    if (options.unit) {
      const tree = new UnitTree(await opened.units.list());
      const scope = options.unit;
      if (!tree.get(scope)) {
        throw new CliError(asSentence(String(t("cli:problems.unknown-unit", { value: scope }))));
      }
      members = members.filter((member) => tree.covers(scope, member.unitId));
    }
    const rows = members.map((member) => [
      member.id,
      member.name,
      member.phone ?? "",
      member.unitId,
      grantsText(t, member.roles),
      member.orgIds.join(";"),
      channelsText(member),
      memberStatus(t, member),
    ]);
    const header = ["id", "name", "phone", "unit", "roles", "orgs", "channels", "status"];
    return {
      json: { members },
      text: [
        ...textTable(
          header.map((key) => String(t(`cli:members.columns.${key}`))),
          rows,
        ),
        String(t("cli:members.count", { count: members.length })),
      ],
    };
  },
});
