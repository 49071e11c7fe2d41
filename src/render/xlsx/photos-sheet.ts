import { unitLabel } from "../../reference/labels.js";
import { formatWeek } from "../format.js";
import {
  type Cell,
  col,
  communeOf,
  type SummaryBook,
  sheetName,
  tableSheet,
} from "./sheet-parts.js";

/**
 * The reports with evidence photos, when there are any: how many, and where each is kept (its
 * path under the data folder's files), so an official can find the picture behind a figure.
 */
export function photosSheet(book: SummaryBook): void {
  const { workbook, title, summary, t, locale } = book;
  const reports = summary.photos ?? [];
  if (reports.length === 0) return;
  tableSheet(
    workbook,
    sheetName(t, "photos"),
    title,
    ["week", "hamlet", "commune", "receipt", "photoCount", "photoFiles"].map((k) => col(t, k)),
    reports.map((r): Cell[] => [
      formatWeek(locale, r.week),
      unitLabel(t, r.hamlet),
      communeOf(t, r.hamlet),
      r.receipt,
      r.files.length,
      r.files.join("\n"),
    ]),
  );
}
