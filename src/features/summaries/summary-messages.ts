import type { HeadContacts } from "../../domain/head-contacts.js";
import type { Locale } from "../../domain/member.js";
import { periodKey } from "../../domain/period.js";
import type { Summary } from "../../domain/summary/index.js";
import type { Translate } from "../../i18n.js";
import type { Choice, Outbound } from "../../messaging/outbound.js";
import { unitInlineLabel } from "../../reference/labels.js";
import { renderChartPng } from "../../render/chart.js";
import { formatPeriod } from "../../render/period-label.js";
import { renderSummaryText } from "../../render/summary-text.js";
import { renderSummaryXlsx } from "../../render/xlsx.js";

/** The kinds of file a summary is exported as. */
export type SummaryFileKind = "sheet" | "chart" | "csv" | "text";

/**
 * A summary file's name, e.g. `tong-hop-hung-dao-2026-W48.xlsx`: the area's id (dots made
 * dashes, so a hamlet's id reads as one word) and the period's key (`campaign:x` → `campaign-x`).
 */
export function summaryFileName(
  t: Translate,
  kind: SummaryFileKind,
  areaId: string,
  key: string,
): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, "-");
  return t(`status:file.${kind}`, { area: safe(areaId), period: safe(key) });
}

const charts = new WeakMap<Summary, Map<Locale, Promise<Buffer>>>();

/**
 * The summary's chart as PNG, drawn once per summary and language: a second /status on
 * unchanged data, or a second official of the same area, reuses the picture.
 */
export function summaryChart(summary: Summary, t: Translate, locale: Locale): Promise<Buffer> {
  let byLocale = charts.get(summary);
  if (!byLocale) {
    byLocale = new Map();
    charts.set(summary, byLocale);
  }
  let png = byLocale.get(locale);
  if (!png) {
    png = renderChartPng(summary, t, locale);
    byLocale.set(locale, png);
    png.catch(() => byLocale?.delete(locale));
  }
  return png;
}

/** The chart as a photo message, with a short caption and, for /status, its buttons. */
export async function chartMessage(
  summary: Summary,
  t: Translate,
  locale: Locale,
  choices?: Choice[][],
): Promise<Outbound> {
  const bytes = await summaryChart(summary, t, locale);
  return {
    text: t("status:chartCaption"),
    file: {
      kind: "photo",
      fileName: summaryFileName(t, "chart", summary.area.id, periodKey(summary.period)),
      mimeType: "image/png",
      bytes: new Uint8Array(bytes),
    },
    ...(choices && choices.length > 0 ? { choices } : {}),
  };
}

/** The spreadsheet as a document message, missing hamlets with the heads made for its reader. */
export async function sheetMessage(
  summary: Summary,
  t: Translate,
  locale: Locale,
  contacts?: HeadContacts,
): Promise<Outbound> {
  const bytes = await renderSummaryXlsx(summary, t, locale, contacts);
  return {
    text: t("status:sheetCaption", {
      area: unitInlineLabel(t, locale, summary.area),
      period: formatPeriod(t, locale, summary.period),
    }),
    file: {
      kind: "document",
      fileName: summaryFileName(t, "sheet", summary.area.id, periodKey(summary.period)),
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      bytes: new Uint8Array(bytes),
    },
  };
}

/**
 * The full summary as three messages, in the order they are read: text, chart, spreadsheet;
 * `contacts` are the hamlet heads named for this reader.
 */
export async function summaryMessages(
  summary: Summary,
  t: Translate,
  locale: Locale,
  contacts?: HeadContacts,
): Promise<[text: Outbound, chart: Outbound, sheet: Outbound]> {
  const text = renderSummaryText(summary, t, locale, contacts);
  const heading = text.split("\n", 1)[0] ?? "";
  const [chart, sheet] = await Promise.all([
    chartMessage(summary, t, locale),
    sheetMessage(summary, t, locale, contacts),
  ]);
  return [{ text, bold: [heading] }, chart, sheet];
}
