import { unitLabel } from "../../reference/labels.js";
import { col, communeOf, type SummaryBook, sheetName, tableSheet } from "./sheet-parts.js";

/** The hamlets that owe a report, each with its heads' names and the phones the reader may see. */
export function missingSheet(book: SummaryBook): void {
  const { workbook, title, summary, t, contacts } = book;
  tableSheet(
    workbook,
    sheetName(t, "missing"),
    title,
    ["hamlet", "commune", "weeksMissing", "head", "phone"].map((k) => col(t, k)),
    summary.reporting.missingHamlets.map((h) => {
      const heads = contacts?.get(h.id) ?? [];
      // One phone per head, in the names' order, so two heads' numbers are never mixed up.
      const phones = heads.some((head) => head.phone) ? heads.map((head) => head.phone ?? "—") : [];
      return [
        unitLabel(t, h),
        communeOf(t, h),
        h.weeksMissing,
        heads.map((head) => head.name).join("; ") || null,
        phones.join("; ") || null,
      ];
    }),
  );
}

/** The hamlets with no head using the assistant yet, when there are any: not "missing". */
export function noHeadSheet(book: SummaryBook): void {
  const { workbook, title, summary, t } = book;
  const hamlets = summary.reporting.noHeadHamlets ?? [];
  if (hamlets.length === 0) return;
  tableSheet(
    workbook,
    sheetName(t, "noHead"),
    title,
    ["hamlet", "commune"].map((k) => col(t, k)),
    hamlets.map((h) => [unitLabel(t, h), communeOf(t, h)]),
  );
}
