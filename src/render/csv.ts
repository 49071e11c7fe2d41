import { stringify } from "csv-stringify/sync";
import type { Summary } from "../domain/summary/types.js";
import type { Translate } from "../i18n.js";
import { fieldLabel, unitLabel } from "../reference/labels.js";
import { unitName } from "./quantity.js";

/** Excel reads a CSV as UTF-8 (Vietnamese letters intact) only when it starts with this mark. */
const BOM = "\uFEFF";

/**
 * The per-hamlet table as CSV, for officials who open it in Excel: a byte-order mark, headers
 * in the reader's language, then a row per hamlet: its code (what a machine joins on), its
 * name, its commune or ward, the weeks reported and reported on time, and each field in its
 * own unit (m, triệu đồng, …) as a plain number ('.' decimal, no thousands separator), so the
 * columns can be summed.
 */
export function renderHamletsCsv(summary: Summary, t: Translate): string {
  const header = [
    t("summary:column.unitCode"),
    t("summary:column.hamlet"),
    t("summary:column.commune"),
    t("summary:column.weeksReported"),
    t("summary:column.weeksOnTime"),
    ...summary.fields.map(
      (f) => `${fieldLabel(t, { id: f.fieldId, label: f.label })} (${unitName(t, f.unit, 2)})`,
    ),
  ];
  const rows = summary.hamlets.map((row) => [
    row.hamlet.id,
    unitLabel(t, row.hamlet),
    row.hamlet.communeId
      ? unitLabel(t, { id: row.hamlet.communeId, name: row.hamlet.communeName ?? "" })
      : "",
    String(row.weeksOnTime + row.weeksLate),
    String(row.weeksOnTime),
    ...summary.fields.map((f) => plainNumber(row.values[f.fieldId] ?? 0)),
  ]);
  return BOM + stringify([header, ...rows]);
}

/** A number as machines read it: never an exponent, never a locale separator. */
function plainNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
}
