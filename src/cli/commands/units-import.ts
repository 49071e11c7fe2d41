import { planUnitsImport, UNIT_COLUMNS } from "../../features/reference-import.js";
import { defineCommand } from "../command.js";
import { importReport } from "../import-report.js";
import { importRefused, readCsvFile } from "../tables.js";

/** `units import <csv> [--dry-run]`: adds or updates units (e.g. hamlets) from a CSV file. */
export const command = defineCommand({
  args: ["csv"],
  options: { "dry-run": { type: "boolean" } },
  async run({ t, store }, { args, options }) {
    const rows = await readCsvFile(t, args[0] ?? "", UNIT_COLUMNS);
    const opened = await store();
    const plan = await planUnitsImport(opened, rows);
    if (!plan.ok) throw importRefused(t, plan.problems);
    const dryRun = options["dry-run"] === true;
    const changed = plan.changes.filter((c) => c.action !== "unchanged").map((c) => c.record);
    if (!dryRun && changed.length > 0) await opened.units.saveMany(changed);
    return importReport(
      t,
      plan.changes.map(({ row, action, record }) => ({
        row,
        action,
        id: record.id,
        label: record.name,
      })),
      dryRun,
    );
  },
});
