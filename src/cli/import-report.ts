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
 * Where a row line's values go, in its text translated once per kind of line: through i18next
 * for each of 100,000 rows the lines took 4 s of an import's 14 s, and most of its memory at peak.
 */
const MARKS = { row: "\u0000row\u0000", id: "\u0000id\u0000", label: "\u0000label\u0000" };

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
  const newId = String(t("cli:import.newId"));
  const templates = new Map<string, string>();
  const lines: string[] = [];
  for (const row of rows) {
    if (row.action === "unchanged") continue;
    const key = `cli:import.${dryRun ? "wouldRow" : "row"}.${row.action}`;
    let template = templates.get(key);
    if (template === undefined) {
      template = String(t(key, MARKS));
      templates.set(key, template);
    }
    lines.push(
      template
        .replace(MARKS.row, () => String(row.row))
        .replace(MARKS.id, () => row.id || newId)
        .replace(MARKS.label, () => row.label),
    );
  }
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
