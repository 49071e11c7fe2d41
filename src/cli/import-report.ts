import type { Translate } from "../i18n.js";
import type { CommandResult } from "./command.js";

/** One row's outcome in an import, as reported. */
export interface ReportedRow {
  row: number;
  action: "add" | "update" | "unchanged";
  /** The record's id, or "" for a member whose id is given on saving. */
  id: string;
  /** What a person recognises the record by (a name). */
  label: string;
}

/**
 * The output of an import or its dry run: a line per added or updated row and a count of
 * each action. JSON: `{dryRun, added, updated, unchanged, rows: [{row, action, id}]}`.
 */
export function importReport(
  t: Translate,
  rows: readonly ReportedRow[],
  dryRun: boolean,
): CommandResult {
  const count = (action: ReportedRow["action"]) => rows.filter((r) => r.action === action).length;
  const counts = { added: count("add"), updated: count("update"), unchanged: count("unchanged") };
  const lines = rows
    .filter((row) => row.action !== "unchanged")
    .map((row) =>
      String(
        t(`cli:import.${dryRun ? "wouldRow" : "row"}.${row.action}`, {
          row: row.row,
          id: row.id || t("cli:import.newId"),
          label: row.label,
        }),
      ),
    );
  lines.push(String(t(`cli:import.${dryRun ? "wouldSummary" : "summary"}`, counts)));
  return {
    json: {
      dryRun,
      ...counts,
      rows: rows.map(({ row, action, id }) => ({ row, action, id })),
    },
    text: lines,
  };
}
