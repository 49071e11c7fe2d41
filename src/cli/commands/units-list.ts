import { unitOn } from "../../domain/unit.js";
import { UnitTree } from "../../domain/unit-tree.js";
import { labelOf } from "../../reference/labels.js";
import { formatDate } from "../../render/format.js";
import { CliError, defineCommand } from "../command.js";
import { asSentence } from "../tables.js";
import { textTable } from "../text-table.js";
import { unitsInTreeOrder } from "../unit-order.js";

/** `units list [--under <id>]`: the unit tree, shipped and imported. */
export const command = defineCommand({
  options: { under: { type: "string", value: "unit-id" } },
  async run({ t, store, locale, now }, { options }) {
    const all = await (await store()).units.list();
    let units = unitsInTreeOrder(all);
    if (options.under) {
      const tree = new UnitTree(all);
      const under = options.under;
      if (!tree.get(under))
        throw new CliError(asSentence(String(t("cli:problems.unknown-unit", { value: under }))));
      units = units.filter((unit) => tree.ancestry(unit.id).some((u) => u.id === under));
    }
    // Named as they are today: a hamlet renamed by `units import` shows its new name.
    const today = now().toISOString().slice(0, 10);
    const rows = units.map((unit) => [
      unit.id,
      labelOf(t, "unitKind", unit.kind, unit.kind),
      unitOn(unit, today).name,
      unit.parent ?? "",
      [
        unit.source === "cli" ? String(t("cli:units.imported")) : "",
        unit.active ? "" : String(t("cli:units.inactive")),
        unit.validTo
          ? String(t("cli:units.until", { date: formatDate(locale, unit.validTo) }))
          : "",
        ...(unit.names ?? []).map((span) =>
          String(t("cli:units.renamed", { name: span.name, date: formatDate(locale, span.from) })),
        ),
      ]
        .filter(Boolean)
        .join(", "),
    ]);
    return {
      json: { units },
      text: [
        ...textTable(
          [
            "id",
            t("cli:units.kind"),
            t("cli:units.name"),
            t("cli:units.parent"),
            t("cli:units.note"),
          ].map(String),
          rows,
        ),
        String(t("cli:units.count", { count: units.length })),
      ],
    };
  },
});
