import { unitLabel } from "../../reference/labels.js";
import { formatWeek } from "../format.js";
import {
  type Cell,
  col,
  communeOf,
  type SummaryBook,
  sheetName,
  tableSheet,
  yesNo,
} from "./sheet-parts.js";

/** Difficulties or model stories, a row each, with the week and hamlet they came from. */
export function itemsSheet(book: SummaryBook, kind: "difficulties" | "stories"): void {
  const { workbook, title, summary, t, locale } = book;
  const header = ["week", "hamlet", "commune", "text"].map((k) => col(t, k));
  if (kind === "difficulties") {
    const rows = summary.difficulties.map((d): Cell[] => [
      formatWeek(locale, d.week),
      unitLabel(t, d.hamlet),
      communeOf(t, d.hamlet),
      d.text,
    ]);
    tableSheet(workbook, sheetName(t, kind), title, header, rows);
    return;
  }
  const rows = summary.stories.map((s): Cell[] => [
    formatWeek(locale, s.week),
    unitLabel(t, s.hamlet),
    communeOf(t, s.hamlet),
    s.text,
    yesNo(t, s.consent),
    yesNo(t, s.hasPhoto),
  ]);
  tableSheet(
    workbook,
    sheetName(t, kind),
    title,
    [...header, col(t, "consent"), col(t, "photo")],
    rows,
  );
}
