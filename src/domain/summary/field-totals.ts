import type { ReportFields } from "../report-fields.js";
import type { WeekKey } from "../week.js";
import type { ReportIndex } from "./report-index.js";
import type { FieldTotal, HamletRow } from "./types.js";

/** Every numeric field of the report, in the order the data lists them. */
export function fieldIdsOf(reportFields: ReportFields): string[] {
  return reportFields.groups.flatMap((group) => group.fields.map((field) => field.id));
}

/**
 * Field totals over the reports of some hamlets in some weeks, those awaiting clarification
 * included: week by week, each week's totals kept by the index (see `weekTotals`).
 */
export function sumFields(
  index: ReportIndex,
  hamletIds: ReadonlySet<string>,
  weeks: readonly WeekKey[],
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const week of weeks) {
    for (const [fieldId, value] of index.weekTotals(week, hamletIds)) {
      totals.set(fieldId, (totals.get(fieldId) ?? 0) + value);
    }
  }
  return totals;
}

/** Field totals from per-hamlet rows. */
export function sumRows(rows: readonly HamletRow[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) {
    for (const [fieldId, value] of Object.entries(row.values)) {
      totals.set(fieldId, (totals.get(fieldId) ?? 0) + value);
    }
  }
  return totals;
}

/**
 * One line per field of the report, with this period's total, the previous period's and the
 * running total (each absent when there is no such period).
 */
export function fieldTotals(
  reportFields: ReportFields,
  current: ReadonlyMap<string, number>,
  previous: ReadonlyMap<string, number> | undefined,
  running: ReadonlyMap<string, number> | undefined,
): FieldTotal[] {
  return reportFields.groups.flatMap((group) =>
    group.fields.map((field) => {
      const total: FieldTotal = {
        fieldId: field.id,
        groupId: group.id,
        label: field.label,
        unit: field.unit,
        value: tidy(current.get(field.id) ?? 0),
      };
      if (previous) total.previous = tidy(previous.get(field.id) ?? 0);
      if (running) total.running = tidy(running.get(field.id) ?? 0);
      return total;
    }),
  );
}

/** A sum rid of binary floating-point dust (0.1 + 0.2 → 0.3), so exports show what was typed. */
export function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
