import type ExcelJS from "exceljs";
import type { HeadContacts } from "../../domain/head-contacts.js";
import { localTime, pad } from "../../domain/local-time.js";
import type { Locale } from "../../domain/member.js";
import type { Summary } from "../../domain/summary/types.js";
import type { Translate } from "../../i18n.js";
import { unitLabel } from "../../reference/labels.js";
import { formatDate } from "../format.js";
import { formatPeriod } from "../period-label.js";

/** What every sheet of a summary's workbook is made from. */
export interface SummaryBook {
  workbook: ExcelJS.Workbook;
  title: SheetTitle;
  summary: Summary;
  /** Translator and locale of the workbook's reader. */
  t: Translate;
  locale: Locale;
  /** The heads of the hamlets that owe a report, as this reader may see them. */
  contacts?: HeadContacts;
}

export type Cell = string | number | null;

export const PERCENT = "0%";
/** Rows above every sheet's table: its title, when it was made, a blank line. */
const TITLE_ROWS = 3;

/** What every sheet says above its table: the area and period, and when it was made. */
export interface SheetTitle {
  heading: string;
  made: string;
}

/** The title every sheet opens with: the area and period, and when the workbook was made. */
export function titleOf(summary: Summary, t: Translate, locale: Locale): SheetTitle {
  const at = localTime(new Date(summary.generatedAt), summary.timeZone);
  const date = `${at.year}-${pad(at.month)}-${pad(at.day)}`;
  return {
    heading: `${unitLabel(t, summary.area)} — ${formatPeriod(t, locale, summary.period)}`,
    made: `${col(t, "generatedAt")}: ${pad(at.hour)}:${pad(at.minute)} ${formatDate(locale, date)}`,
  };
}

export function addTitle(sheet: ExcelJS.Worksheet, title: SheetTitle): void {
  sheet.addRow([title.heading]).font = { bold: true, size: 13 };
  sheet.addRow([title.made]).font = { italic: true };
  sheet.addRow([]);
}

/**
 * The format of a figure: whole numbers without a decimal separator (Excel would show
 * "1.500," for "#,##0.##"), others with up to two decimals.
 */
function numberFormat(value: number): string {
  return Number.isInteger(value) ? "#,##0" : "#,##0.##";
}

/**
 * The style of a figure with nothing else set, one object per format, shared by every such
 * cell: ExcelJS recognises a style object it has written by identity, instead of writing and
 * comparing each cell's own copy (a fifth of a province's workbook). Frozen, since ExcelJS's
 * `cell.font = …` changes the style in place: style such a cell by giving it a new one,
 * `cell.style = { ...cell.style, font }`, or before its figures are formatted (as the totals).
 */
const FIGURE_STYLES: Record<string, Partial<ExcelJS.Style>> = {
  "#,##0": Object.freeze({ numFmt: "#,##0" }),
  "#,##0.##": Object.freeze({ numFmt: "#,##0.##" }),
};

/** Gives every number in the row the format that suits it, leaving set formats alone. */
export function formatNumbers(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    if (typeof cell.value !== "number" || cell.numFmt) return;
    const format = numberFormat(cell.value);
    const shared = FIGURE_STYLES[format];
    if (shared && Object.keys(cell.style).length === 0) cell.style = shared;
    else cell.numFmt = format;
  });
}

/** A sheet name Excel accepts: no []:*?/\ and at most 31 characters. */
export function sheetName(t: Translate, key: string): string {
  return t(`summary:sheet.${key}`)
    .replace(/[[\]:*?/\\]/g, " ")
    .slice(0, 31);
}

export function col(t: Translate, key: string): string {
  return t(`summary:column.${key}`);
}

export function yesNo(t: Translate, value: boolean): string {
  return value ? t("summary:yes") : t("summary:no");
}

export function communeOf(
  t: Translate,
  hamlet: { communeId?: string; communeName?: string },
): string {
  return hamlet.communeId
    ? unitLabel(t, { id: hamlet.communeId, name: hamlet.communeName ?? "" })
    : "";
}

/** A sheet with its title, a bold, frozen header row and columns wide enough to read. */
export function tableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: SheetTitle,
  header: string[],
  rows: Cell[][],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: TITLE_ROWS + 1 }],
  });
  addTitle(sheet, title);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) formatNumbers(sheet.addRow(row));
  header.forEach((title, i) => {
    const widest = Math.max(title.length, ...rows.map((row) => String(row[i] ?? "").length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, widest + 2));
  });
  return sheet;
}
