import type { Summary } from "../../domain/summary/types.js";
import { fieldLabel, unitLabel } from "../../reference/labels.js";
import { unitName } from "../quantity.js";
import {
  type Cell,
  col,
  communeOf,
  formatNumbers,
  type SummaryBook,
  sheetName,
  tableSheet,
  yesNo,
} from "./sheet-parts.js";

export function hamletsSheet(book: SummaryBook): void {
  const { workbook, title, summary, t } = book;
  const weekly = summary.period.kind === "week";
  const reportingHeader = weekly
    ? [col(t, "reported"), col(t, "onTime"), col(t, "returned")]
    : ["weeksExpected", "weeksReported", "onTime", "late", "weeksReturned"].map((k) => col(t, k));
  const fieldHeader = summary.fields.map(
    (f) => `${fieldLabel(t, { id: f.fieldId, label: f.label })} (${unitName(t, f.unit, 2)})`,
  );
  const rows = summary.hamlets.map((row): Cell[] => {
    const reported = row.weeksOnTime + row.weeksLate;
    const reporting: Cell[] = weekly
      ? [
          yesNo(t, reported > 0),
          reported > 0 ? yesNo(t, row.weeksOnTime > 0) : null,
          reported > 0 ? yesNo(t, row.weeksReturned > 0) : null,
        ]
      : [row.weeksExpected, reported, row.weeksOnTime, row.weeksLate, row.weeksReturned];
    return [
      unitLabel(t, row.hamlet),
      communeOf(t, row.hamlet),
      ...reporting,
      ...summary.fields.map((f) => row.values[f.fieldId] ?? 0),
    ];
  });
  const sheet = tableSheet(
    workbook,
    sheetName(t, "hamlets"),
    title,
    [col(t, "hamlet"), col(t, "commune"), ...reportingHeader, ...fieldHeader],
    rows,
  );
  const fieldTotals = summary.fields.map((f) => f.value);
  const totals = sheet.addRow([col(t, "total"), null, ...reportingTotals(summary), ...fieldTotals]);
  totals.font = { bold: true };
  formatNumbers(totals);
  const firstField = 3 + reportingHeader.length;
  for (let i = 0; i < fieldHeader.length; i++) sheet.getColumn(firstField + i).width = 16;
}

type HamletRow = Summary["hamlets"][number];

/** The totals row's reporting cells: hamlets (a week) or weeks (a longer period), summed. */
function reportingTotals(summary: Summary): number[] {
  const sum = (count: (row: HamletRow) => number) =>
    summary.hamlets.reduce((total, row) => total + count(row), 0);
  const reported = (row: HamletRow) => row.weeksOnTime + row.weeksLate;
  if (summary.period.kind === "week") {
    return [
      sum((row) => (reported(row) > 0 ? 1 : 0)),
      sum((row) => (reported(row) > 0 && row.weeksOnTime > 0 ? 1 : 0)),
      sum((row) => (reported(row) > 0 && row.weeksReturned > 0 ? 1 : 0)),
    ];
  }
  return [
    sum((row) => row.weeksExpected),
    sum(reported),
    sum((row) => row.weeksOnTime),
    sum((row) => row.weeksLate),
    sum((row) => row.weeksReturned),
  ];
}
