import type { ReferenceImportPlan } from "../features/admin/reference-import.js";
import type { CsvColumns, CsvRow } from "../features/csv-table.js";
import type { Store } from "../store/store.js";
import { defineCommand } from "./command.js";
import { importReport } from "./import-report.js";
import { importRefused, readCsvFile } from "./tables.js";

/** How one kind of reference record (units, organisations) is imported from a CSV file. */
export interface ReferenceImport<T extends { id: string; name: string }> {
  columns: CsvColumns;
  plan(store: Store, rows: readonly CsvRow[]): Promise<ReferenceImportPlan<T>>;
  save(store: Store, records: T[]): Promise<void>;
}

/**
 * `<kind> import <csv> [--dry-run]`: every row checked first (nothing written if any is bad),
 * then the records that change are saved; `--dry-run` only shows what would change.
 */
export function referenceImportCommand<T extends { id: string; name: string }>(
  kind: ReferenceImport<T>,
) {
  return defineCommand({
    args: ["csv"],
    options: { "dry-run": { type: "boolean" } },
    async run({ t, store }, { args, options }) {
      const rows = await readCsvFile(t, args[0] ?? "", kind.columns);
      const opened = await store();
      const plan = await kind.plan(opened, rows);
      if (!plan.ok) throw importRefused(t, plan.problems);
      const dryRun = options["dry-run"] === true;
      const changed = plan.changes.filter((c) => c.action !== "unchanged").map((c) => c.record);
      if (!dryRun && changed.length > 0) await kind.save(opened, changed);
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
}
