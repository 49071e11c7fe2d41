import { MEMBER_COLUMNS } from "../../features/admin/member-fields.js";
import { applyMembersImport, planMembersImport } from "../../features/admin/members-import.js";
import { defineCommand } from "../command.js";
import { importReport } from "../import-report.js";
import { importRefused, readCsvFile } from "../tables.js";

/**
 * `members import <csv> [--dry-run]`: adds and updates members from a spreadsheet. Every row
 * is checked first; one bad row and nothing is written. Importing the same file again adds
 * nobody: rows match by id, else phone, else name and unit.
 */
export const command = defineCommand({
  args: ["csv"],
  options: { "dry-run": { type: "boolean" } },
  async run({ t, store, now, config }, { args, options }) {
    const rows = await readCsvFile(t, args[0] ?? "", MEMBER_COLUMNS);
    const opened = await store();
    const plan = await planMembersImport(opened, rows, {
      now,
      defaultLocale: config.defaultLocale,
    });
    if (!plan.ok) throw importRefused(t, plan.problems);
    const dryRun = options["dry-run"] === true;
    const written = dryRun ? [] : await applyMembersImport(opened, plan.changes);
    // Members added without an id got theirs on saving, in the plan's order.
    const assigned = written.values();
    const reported = plan.changes.map(({ row, action, member }) => {
      const id =
        !dryRun && action !== "unchanged" ? (assigned.next().value?.id ?? member.id) : member.id;
      return { row, action, id, label: member.name };
    });
    return importReport(t, reported, dryRun);
  },
});
