import { MEMBER_COLUMNS } from "../../features/admin/member-fields.js";
import {
  applyMembersImport,
  MembersImportPlanner,
  type PlannedMember,
} from "../../features/admin/members-import.js";
import { defineCommand } from "../command.js";
import { importReport, type ReportedRow } from "../import-report.js";
import { Spool } from "../spool.js";
import { importRefused, streamCsvFile } from "../tables.js";

/**
 * `members import <csv> [--dry-run]`: adds and updates members from a spreadsheet. Every row
 * is checked first; one bad row and nothing is written. Importing the same file again adds
 * nobody: rows match by id, else phone, else name and unit.
 *
 * The file is read as it comes and the checked changes wait on disk (`Spool`), so a province's
 * 100,000 rows are never all in memory: only what each row is reported as.
 */
export const command = defineCommand({
  args: ["csv"],
  options: { "dry-run": { type: "boolean" } },
  async run({ t, store, now, config }, { args, options }) {
    const rows = await streamCsvFile(t, args[0] ?? "", MEMBER_COLUMNS);
    const opened = await store();
    const planner = await MembersImportPlanner.open(opened, {
      now,
      defaultLocale: config.defaultLocale,
    });
    const dryRun = options["dry-run"] === true;
    const reported: ReportedRow[] = [];
    const spool = await Spool.open<PlannedMember>();
    try {
      for await (const item of rows) {
        if ("problem" in item) {
          planner.note(item.problem);
          continue;
        }
        const change = planner.plan(item);
        if (!change) continue;
        const { row, action, member } = change;
        reported.push({ row, action, id: member.id, label: member.name });
        if (!dryRun && action !== "unchanged") await spool.add(change);
      }
      const problems = planner.sortedProblems();
      if (problems.length > 0) throw importRefused(t, problems);
      if (!dryRun) {
        // Members added without an id get theirs on saving, in the plan's order.
        const waiting = reported.filter((r) => r.action !== "unchanged").values();
        await applyMembersImport(opened, spool.values(), planner, (member) => {
          const row = waiting.next().value;
          if (row) row.id = member.id;
        });
      }
    } finally {
      await spool.remove();
    }
    return importReport(t, reported, dryRun);
  },
});
