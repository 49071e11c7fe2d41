import type { HeadContacts } from "../domain/head-contacts.js";
import type { Locale } from "../domain/member.js";
import type { Summary } from "../domain/summary/types.js";
import type { Translate } from "../i18n.js";
import { emulationSheet } from "./xlsx/emulation-sheet.js";
import { hamletsSheet } from "./xlsx/hamlets-sheet.js";
import { itemsSheet } from "./xlsx/items-sheet.js";
import { missingSheet, noHeadSheet } from "./xlsx/missing-sheets.js";
import { overviewSheet } from "./xlsx/overview-sheet.js";
import { photosSheet } from "./xlsx/photos-sheet.js";
import { type SummaryBook, titleOf } from "./xlsx/sheet-parts.js";

/**
 * The summary as a workbook for officials and Phòng Nội vụ: Overview, Hamlets (a row per
 * hamlet with every field), Missing, Difficulties, Stories, evidence photos (when there are
 * any) and Emulation. Headers are in the
 * reader's language; figures are numbers in each field's own unit, so they can be summed.
 * Missing hamlets name their heads from `contacts`, made for the reader of this workbook
 * (phone numbers only where that reader may call them).
 */
export async function renderSummaryXlsx(
  summary: Summary,
  t: Translate,
  locale: Locale,
  contacts?: HeadContacts,
): Promise<Buffer> {
  // Loaded on the first workbook, not at start: ExcelJS alone costs 0.5 s of start-up CPU.
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  const title = titleOf(summary, t, locale);
  const book: SummaryBook = {
    workbook,
    title,
    summary,
    t,
    locale,
    ...(contacts ? { contacts } : {}),
  };
  overviewSheet(book);
  hamletsSheet(book);
  missingSheet(book);
  noHeadSheet(book);
  itemsSheet(book, "difficulties");
  itemsSheet(book, "stories");
  photosSheet(book);
  emulationSheet(book);
  // The fastest deflate: a third larger (a province's, 340 KB instead of 250 KB), and the
  // spreadsheet is ready sooner; anything that reads XLSX reads it.
  return Buffer.from(
    await workbook.xlsx.writeBuffer({ zip: { compressionOptions: { level: 1 } } }),
  );
}
