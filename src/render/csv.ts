import { stringify } from "csv-stringify/sync";
import type { Summary } from "../domain/summary/types.js";

/**
 * The per-hamlet table as CSV for machines: a header row of stable ids (`unit_id`, `hamlet`,
 * `commune`, `reported`, `on_time`, then each field id), then a row per hamlet. `reported`
 * and `on_time` count weeks (0 or 1 for a week). Each field is in its own unit (m,
 * triệu đồng, …) as a plain number: '.' decimal, no thousands separator. Names are the
 * data's own (Vietnamese), since ids, not labels, are what a machine joins on.
 */
export function renderHamletsCsv(summary: Summary): string {
  const header = [
    "unit_id",
    "hamlet",
    "commune",
    "reported",
    "on_time",
    ...summary.fields.map((f) => f.fieldId),
  ];
  const rows = summary.hamlets.map((row) => [
    row.hamlet.id,
    row.hamlet.name,
    row.hamlet.communeName ?? "",
    String(row.weeksOnTime + row.weeksLate),
    String(row.weeksOnTime),
    ...summary.fields.map((f) => plainNumber(row.values[f.fieldId] ?? 0)),
  ]);
  return stringify([header, ...rows]);
}

/** A number as machines read it: never an exponent, never a locale separator. */
function plainNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
}
