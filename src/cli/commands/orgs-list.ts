import { organisationLabel, organisationShortLabel } from "../../reference/labels.js";
import { defineCommand } from "../command.js";
import { textTable } from "../text-table.js";

/** `orgs list`: the organisations, shipped and imported. */
export const command = defineCommand({
  async run({ t, store }) {
    const orgs = (await (await store()).organisations.list()).sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    const rows = orgs.map((org) => [
      org.id,
      organisationShortLabel(t, org),
      organisationLabel(t, org),
      [
        org.massOrg ? String(t("cli:orgs.mass")) : "",
        org.source === "cli" ? String(t("cli:units.imported")) : "",
        org.active ? "" : String(t("cli:units.inactive")),
      ]
        .filter(Boolean)
        .join(", "),
    ]);
    return {
      json: { organisations: orgs },
      text: [
        ...textTable(
          ["id", t("cli:orgs.short"), t("cli:units.name"), t("cli:units.note")].map(String),
          rows,
        ),
        String(t("cli:orgs.count", { count: orgs.length })),
      ],
    };
  },
});
