import { localDate } from "../../domain/local-time.js";
import type { RowProblem } from "../../features/csv-table.js";
import { placedLabel } from "../../features/review/criteria-progress.js";
import {
  CRITERIA_PROBLEM_CODES,
  criteriaProblemPhrase,
  planCriteriaRecords,
  recordCriteria,
} from "../../features/review/criteria-records.js";
import type { Translate } from "../../i18n.js";
import { CliError, defineCommand } from "../command.js";
import { importReport } from "../import-report.js";
import { problemLine, readCsvFile } from "../tables.js";

/** The columns of a criteria CSV: `date` (yyyy-mm-dd) may be left out for today. */
export const CRITERIA_COLUMNS = { required: ["unit", "criterion", "state"], optional: ["date"] };

/**
 * `criteria import <csv> [--dry-run]`: records the starting state of many criteria at once
 * (columns unit,criterion,state,date). Every row is checked first; one bad row and nothing
 * is recorded.
 */
export const command = defineCommand({
  args: ["csv"],
  options: { "dry-run": { type: "boolean" } },
  async run({ t, store, config, now }, { args, options }) {
    const rows = await readCsvFile(t, args[0] ?? "", CRITERIA_COLUMNS);
    const opened = await store();
    const plan = await planCriteriaRecords(
      opened,
      rows.map(({ row, values }) => ({
        row,
        unitId: values.unit ?? "",
        criterionId: values.criterion ?? "",
        state: values.state ?? "",
        date: values.date ?? "",
      })),
      localDate(now(), config.timeZone),
    );
    if (!plan.ok) throw refused(t, plan.problems);
    const dryRun = options["dry-run"] === true;
    if (!dryRun) await recordCriteria(opened, plan.changes);
    return importReport(
      t,
      plan.changes.map(({ row, action, status, placed }) => ({
        row,
        action,
        id: `${status.unitId} ${status.criterionId}`,
        label: `${placedLabel(t, placed)}: ${t(`review:cli.state.${status.state}`)}`,
      })),
      dryRun,
    );
  },
});

/** Nothing imported: every problem listed, the first one in the reason. */
function refused(t: Translate, problems: readonly RowProblem[]): CliError {
  const lines = problems.map((problem) =>
    CRITERIA_PROBLEM_CODES.has(problem.code) || problem.code === "unknown-unit"
      ? String(
          t(problem.column ? "cli:at.rowColumn" : "cli:at.row", {
            row: problem.row,
            column: problem.column,
            problem: criteriaProblemPhrase(t, problem),
          }),
        )
      : problemLine(t, problem),
  );
  return new CliError(
    String(t("cli:import.refused", { count: problems.length, first: lines[0] ?? "" })),
    lines.length > 1 ? lines : [],
  );
}
