import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Period, periodKey, readPeriod, weekPeriod } from "../../domain/period.js";
import { readWeek } from "../../domain/week-input.js";
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportSummary,
} from "../../features/summaries/summary-files.js";
import { summarySourceOf } from "../../features/summaries/summary-source.js";
import { lastClosedWeek } from "../../features/summaries/weekly-summary.js";
import type { Translate } from "../../i18n.js";
import { unitLabel } from "../../reference/labels.js";
import { formatPeriod } from "../../render/period-label.js";
import type { Store } from "../../store/store.js";
import { CliError, defineCommand, UsageError } from "../command.js";

/**
 * `summary --area <unit-id> [--period <p> | --week <w>] [--format text|xlsx|csv|png]
 * [--out <file>]`: an area's summary over a week, month, quarter, year or the campaign, as
 * text, spreadsheet, per-hamlet CSV or chart. Without a period: the last week that closed.
 */
export const command = defineCommand({
  options: {
    area: { type: "string", value: "unit-id", required: true },
    period: { type: "string", value: "2026-W48|2026-11|2026-Q4|2026|campaign" },
    week: { type: "string", value: "week" },
    format: { type: "string", value: "text|xlsx|csv|png" },
    out: { type: "string", value: "file" },
  },
  async run({ t, store, config, now, locale }, { options }) {
    const format = (options.format ?? "text") as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) {
      throw new UsageError(String(t("status:cli.badFormat", { format: options.format })));
    }
    const binary = format === "xlsx" || format === "png";
    if (binary && !options.out) {
      throw new UsageError(String(t("status:cli.needsOut", { format })));
    }
    const opened = await store();
    const at = now();
    const period = await periodOf(t, opened, options, at, config.timeZone);
    const source = summarySourceOf(opened);
    const area = (await source.tree()).get(options.area ?? "");
    if (!area) throw new CliError(String(t("status:cli.unknownArea", { area: options.area })));
    const summary = await source.compile(area.id, period, at, config.timeZone);
    const exported = await exportSummary(summary, format, t, locale);
    const key = periodKey(period);
    if (!options.out) {
      const content = Buffer.from(exported.bytes).toString("utf8");
      return { json: { area: area.id, period: key, format, content }, text: content };
    }
    const file = resolve(options.out);
    await writeFile(file, exported.bytes);
    return {
      json: { area: area.id, period: key, format, file, bytes: exported.bytes.byteLength },
      text: String(
        t("status:cli.written", {
          file,
          bytes: exported.bytes.byteLength,
          area: unitLabel(t, area),
          period: formatPeriod(t, locale, period),
        }),
      ),
    };
  },
});

async function periodOf(
  t: Translate,
  store: Store,
  options: { period?: string; week?: string },
  now: Date,
  timeZone: string,
): Promise<Period> {
  if (options.period !== undefined && options.week !== undefined) {
    throw new UsageError(String(t("status:cli.periodTwice")));
  }
  if (options.week !== undefined) {
    const week = readWeek(options.week, now, timeZone);
    if (!week) throw new UsageError(String(t("status:cli.badPeriod", { text: options.week })));
    return weekPeriod(week);
  }
  if (options.period === undefined) return weekPeriod(lastClosedWeek(now, timeZone));
  const period = readPeriod(options.period, now, timeZone, await store.campaigns.list());
  if (!period) throw new UsageError(String(t("status:cli.badPeriod", { text: options.period })));
  return period;
}
