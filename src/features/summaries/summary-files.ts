import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { i18n } from "i18next";
import type { Config } from "../../config.js";
import type { Locale } from "../../domain/member.js";
import { periodKey, weekPeriod } from "../../domain/period.js";
import type { Summary } from "../../domain/summary/index.js";
import type { WeekKey } from "../../domain/week.js";
import type { Translate } from "../../i18n.js";
import { renderChartPng } from "../../render/chart.js";
import { renderHamletsCsv } from "../../render/csv.js";
import { renderSummaryText } from "../../render/summary-text.js";
import { renderSummaryXlsx } from "../../render/xlsx.js";
import type { Store } from "../../store/store.js";
import { summaryChart, summaryFileName } from "./summary-messages.js";
import { summarySourceOf } from "./summary-source.js";

/** The formats a summary is exported in. */
export const EXPORT_FORMATS = ["text", "xlsx", "csv", "png"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A summary in one format: the bytes to write, and whether they are text to print. */
export interface ExportedSummary {
  bytes: Uint8Array;
  /** True for text and CSV, which may go to standard output. */
  textual: boolean;
  /** The file name a download of it would carry. */
  fileName: string;
}

/** The summary as text (the full summary), XLSX, CSV (per hamlet) or the chart as PNG. */
export async function exportSummary(
  summary: Summary,
  format: ExportFormat,
  t: Translate,
  locale: Locale,
): Promise<ExportedSummary> {
  const key = periodKey(summary.period);
  switch (format) {
    case "text":
      return {
        bytes: Buffer.from(`${renderSummaryText(summary, t, locale)}\n`),
        textual: true,
        fileName: summaryFileName(t, "text", summary.area.id, key),
      };
    case "csv":
      return {
        bytes: Buffer.from(renderHamletsCsv(summary, t)),
        textual: true,
        fileName: summaryFileName(t, "csv", summary.area.id, key),
      };
    case "xlsx":
      return {
        bytes: await renderSummaryXlsx(summary, t, locale),
        textual: false,
        fileName: summaryFileName(t, "sheet", summary.area.id, key),
      };
    case "png":
      return {
        bytes: await renderChartPng(summary, t, locale),
        textual: false,
        fileName: summaryFileName(t, "chart", summary.area.id, key),
      };
  }
}

/** What the demo needs to write a week's summary. */
export interface SummaryFilesDeps {
  store: Store;
  i18n: i18n;
  config: Pick<Config, "timeZone" | "defaultLocale">;
  now: () => Date;
}

/**
 * For the demo: the week's summary of an area (the stored one if the weekly job already ran,
 * else compiled now), with its spreadsheet and chart written into `outDir` under their usual
 * names. Returns the summary's full text and the files written.
 */
export async function writeSummaryFiles(
  deps: SummaryFilesDeps,
  area: string,
  week: WeekKey,
  outDir: string,
  locale: Locale = deps.config.defaultLocale,
): Promise<{ text: string; xlsx: string; png: string }> {
  const t = deps.i18n.getFixedT(locale);
  const stored = await deps.store.summaries.get(week, area);
  const summary =
    stored?.summary ??
    (await summarySourceOf(deps.store).compile(
      area,
      weekPeriod(week),
      deps.now(),
      deps.config.timeZone,
    ));
  await mkdir(outDir, { recursive: true });
  const xlsx = join(outDir, summaryFileName(t, "sheet", area, week));
  const png = join(outDir, summaryFileName(t, "chart", area, week));
  await writeFile(xlsx, await renderSummaryXlsx(summary, t, locale));
  await writeFile(png, await summaryChart(summary, t, locale));
  return { text: renderSummaryText(summary, t, locale), xlsx, png };
}
