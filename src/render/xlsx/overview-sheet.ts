import type ExcelJS from "exceljs";
import { fieldLabel, labelOf, unitLabel } from "../../reference/labels.js";
import { formatDate } from "../format.js";
import { formatPeriod } from "../period-label.js";
import { unitName } from "../quantity.js";
import { targetStateText } from "../summary-lines.js";
import {
  addTitle,
  col,
  formatNumbers,
  PERCENT,
  type SummaryBook,
  sheetName,
} from "./sheet-parts.js";

/** The first sheet: how many reported, each field's totals, and the plan's targets. */
export function overviewSheet(book: SummaryBook): void {
  const { workbook, title, summary, t, locale } = book;
  const sheet = workbook.addWorksheet(sheetName(t, "overview"));
  addTitle(sheet, title);
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };
  const { reporting } = summary;
  bold(sheet.addRow([col(t, "item"), col(t, "value")]));
  sheet.addRow([col(t, "area"), unitLabel(t, summary.area)]);
  sheet.addRow([col(t, "period"), formatPeriod(t, locale, summary.period)]);
  sheet.addRow([col(t, "expected"), reporting.expected]);
  sheet.addRow([col(t, "reported"), reporting.reported]);
  sheet.addRow([col(t, "onTime"), reporting.onTime]);
  sheet.addRow([col(t, "late"), reporting.late]);
  sheet.addRow([col(t, "missing"), reporting.missing]);
  sheet.addRow([col(t, "returned"), reporting.returned]);
  sheet.addRow([col(t, "rate"), reporting.rate]).getCell(2).numFmt = PERCENT;
  // Hamlets with no head using the assistant are neither expected nor missing: counted apart.
  const noHead = reporting.noHeadHamlets ?? [];
  if (noHead.length > 0) sheet.addRow([col(t, "noHead"), noHead.length]);

  sheet.addRow([]);
  bold(
    sheet.addRow(["field", "fieldUnit", "thisPeriod", "previous", "running"].map((k) => col(t, k))),
  );
  for (const total of summary.fields) {
    const row = sheet.addRow([
      fieldLabel(t, { id: total.fieldId, label: total.label }),
      unitName(t, total.unit, total.value),
      total.value,
      total.previous ?? null,
      total.running ?? null,
    ]);
    formatNumbers(row);
  }

  const { plan } = summary;
  if (plan) {
    sheet.addRow([]);
    const keys = ["target", "meeting", "hamletCount", "ratio", "targetShare", "by", "state"];
    bold(sheet.addRow(keys.map((k) => col(t, k))));
    for (const share of plan.shares) {
      const row = sheet.addRow([
        t(`summary:plan.shareLabel.${share.status}`, { defaultValue: share.text }),
        share.meeting,
        share.hamlets,
        share.ratio,
        share.share,
        share.by,
        targetStateText(share, t, locale),
      ]);
      row.getCell(4).numFmt = PERCENT;
      row.getCell(5).numFmt = PERCENT;
    }
    sheet.addRow([]);
    bold(sheet.addRow(["unit", "target", "by", "state"].map((k) => col(t, k))));
    for (const target of plan.units) {
      sheet.addRow([
        unitLabel(t, { id: target.unitId, name: target.unitName }),
        labelOf(t, "targetStatus", target.status, target.text),
        target.by,
        targetStateText(target, t, locale),
      ]);
    }
    if (plan.ended) {
      sheet.addRow([]);
      sheet.addRow([
        t("summary:plan.ended", {
          from: plan.from.slice(0, 4),
          to: plan.to.slice(0, 4),
          date: formatDate(locale, plan.to),
        }),
      ]);
    }
  }
  sheet.getColumn(1).width = 45;
  for (const i of [2, 3, 4, 5, 6, 7]) sheet.getColumn(i).width = 18;
}
