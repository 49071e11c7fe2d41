import { CONTRIBUTION_FIELDS } from "../../domain/summary/emulation.js";
import { fieldLabel, unitLabel } from "../../reference/labels.js";
import { unitName } from "../quantity.js";
import {
  type Cell,
  col,
  communeOf,
  type SummaryBook,
  sheetName,
  tableSheet,
} from "./sheet-parts.js";

/** The lines under the emulation table saying how it is ranked, in order. */
const HOW_RANKED = [
  "heading",
  "criteria",
  "contributions",
  "stories",
  "reporting",
  "ties",
  "unranked",
];

/**
 * The emulation table with every count it is ranked on, in the order it is ranked on them,
 * and below it how the ranking is made, so Phòng Nội vụ can check and explain it.
 */
export function emulationSheet(book: SummaryBook): void {
  const { workbook, title, summary, t } = book;
  const statuses = summary.emulation[0]?.criteria.map((c) => c.status) ?? [];
  const contributions = summary.fields.filter((f) =>
    CONTRIBUTION_FIELDS.some((id) => id === f.fieldId),
  );
  const emulationCol = (key: string, options: Record<string, unknown> = {}) =>
    t(`summary:emulation.column.${key}`, options);
  const header = [
    emulationCol("rank"),
    col(t, "hamlet"),
    col(t, "commune"),
    ...statuses.flatMap((status) => [
      emulationCol(`newlyMet.${status}`, { defaultValue: status }),
      emulationCol(`met.${status}`, { defaultValue: status }),
    ]),
    emulationCol("households"),
    ...contributions.flatMap((f) => {
      const label = fieldLabel(t, { id: f.fieldId, label: f.label });
      const unit = unitName(t, f.unit, 2);
      return [
        emulationCol("perHousehold", { label, unit }),
        emulationCol("total", { label, unit }),
      ];
    }),
    emulationCol("stories"),
    col(t, "weeksExpected"),
    col(t, "onTime"),
    col(t, "late"),
    emulationCol("reportingPoints"),
  ];
  const rows = summary.emulation.map((row): Cell[] => [
    row.rank ?? t("summary:emulation.notRanked"),
    unitLabel(t, row.hamlet),
    communeOf(t, row.hamlet),
    ...row.criteria.flatMap((c) => [c.newlyMet, `${c.met}/${c.of}`]),
    row.households ?? null,
    ...contributions.flatMap((f) => [
      row.perHousehold[f.fieldId] ?? null,
      row.contributions[f.fieldId] ?? 0,
    ]),
    row.storiesPublished,
    row.weeksExpected,
    row.weeksOnTime,
    row.weeksLate,
    row.reportingPoints,
  ]);
  const sheet = tableSheet(workbook, sheetName(t, "emulation"), title, header, rows);
  sheet.addRow([]);
  for (const line of HOW_RANKED) sheet.addRow([t(`summary:emulation.how.${line}`)]);
}
