import type ExcelJS from "exceljs";
import type { HeadContacts } from "../domain/head-contacts.js";
import { localTime, pad } from "../domain/local-time.js";
import type { Locale } from "../domain/member.js";
import { CONTRIBUTION_FIELDS } from "../domain/summary/emulation.js";
import type { Summary } from "../domain/summary/types.js";
import type { Translate } from "../i18n.js";
import { fieldLabel, labelOf, unitLabel } from "../reference/labels.js";
import { formatDate, formatWeek } from "./format.js";
import { formatPeriod } from "./period-label.js";
import { unitName } from "./quantity.js";
import { targetStateText } from "./summary-lines.js";

type Cell = string | number | null;

const PERCENT = "0%";
/** The lines under the emulation table saying how it is ranked, in order. */
const HOW_RANKED = [
  "heading",
  "criteria",
  "contributions",
  "stories",
  "reporting",
  "ties",
  "unranked",
];
/** Rows above every sheet's table: its title, when it was made, a blank line. */
const TITLE_ROWS = 3;

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
  overviewSheet(workbook, title, summary, t, locale);
  hamletsSheet(workbook, title, summary, t);
  missingSheet(workbook, title, summary, t, contacts);
  noHeadSheet(workbook, title, summary, t);
  itemsSheet(workbook, title, summary, t, locale, "difficulties");
  itemsSheet(workbook, title, summary, t, locale, "stories");
  photosSheet(workbook, title, summary, t, locale);
  emulationSheet(workbook, title, summary, t);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** What every sheet says above its table: the area and period, and when it was made. */
interface SheetTitle {
  heading: string;
  made: string;
}

function titleOf(summary: Summary, t: Translate, locale: Locale): SheetTitle {
  const at = localTime(new Date(summary.generatedAt), summary.timeZone);
  const date = `${at.year}-${pad(at.month)}-${pad(at.day)}`;
  return {
    heading: `${unitLabel(t, summary.area)} — ${formatPeriod(t, locale, summary.period)}`,
    made: `${col(t, "generatedAt")}: ${pad(at.hour)}:${pad(at.minute)} ${formatDate(locale, date)}`,
  };
}

function addTitle(sheet: ExcelJS.Worksheet, title: SheetTitle): void {
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

/** Gives every number in the row the format that suits it, leaving set formats alone. */
function formatNumbers(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    if (typeof cell.value === "number" && !cell.numFmt) cell.numFmt = numberFormat(cell.value);
  });
}

/** A sheet name Excel accepts: no []:*?/\ and at most 31 characters. */
function sheetName(t: Translate, key: string): string {
  return t(`summary:sheet.${key}`)
    .replace(/[[\]:*?/\\]/g, " ")
    .slice(0, 31);
}

function col(t: Translate, key: string): string {
  return t(`summary:column.${key}`);
}

function yesNo(t: Translate, value: boolean): string {
  return value ? t("summary:yes") : t("summary:no");
}

function communeOf(t: Translate, hamlet: { communeId?: string; communeName?: string }): string {
  return hamlet.communeId
    ? unitLabel(t, { id: hamlet.communeId, name: hamlet.communeName ?? "" })
    : "";
}

/** A sheet with its title, a bold, frozen header row and columns wide enough to read. */
function tableSheet(
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

function overviewSheet(
  workbook: ExcelJS.Workbook,
  title: SheetTitle,
  summary: Summary,
  t: Translate,
  locale: Locale,
) {
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

function hamletsSheet(
  workbook: ExcelJS.Workbook,
  title: SheetTitle,
  summary: Summary,
  t: Translate,
) {
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

/** The hamlets that owe a report, each with its heads' names and the phones the reader may see. */
function missingSheet(
  workbook: ExcelJS.Workbook,
  title: SheetTitle,
  summary: Summary,
  t: Translate,
  contacts?: HeadContacts,
) {
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
function noHeadSheet(
  workbook: ExcelJS.Workbook,
  title: SheetTitle,
  summary: Summary,
  t: Translate,
) {
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

function itemsSheet(
  workbook: ExcelJS.Workbook,
  title: SheetTitle,
  summary: Summary,
  t: Translate,
  locale: Locale,
  kind: "difficulties" | "stories",
) {
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

/**
 * The reports with evidence photos, when there are any: how many, and where each is kept (its
 * path under the data folder's files), so an official can find the picture behind a figure.
 */
function photosSheet(
  workbook: ExcelJS.Workbook,
  title: SheetTitle,
  summary: Summary,
  t: Translate,
  locale: Locale,
) {
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

/**
 * The emulation table with every count it is ranked on, in the order it is ranked on them,
 * and below it how the ranking is made, so Phòng Nội vụ can check and explain it.
 */
function emulationSheet(
  workbook: ExcelJS.Workbook,
  title: SheetTitle,
  summary: Summary,
  t: Translate,
) {
  const statuses = summary.emulation[0]?.criteria.map((c) => c.status) ?? [];
  const contributions = summary.fields.filter((f) =>
    CONTRIBUTION_FIELDS.some((id) => id === f.fieldId),
  );
  const emulationCol = (key: string, options: Record<string, unknown> = {}) =>
    t(`summary:emulation.column.${key}`, options);
  const header = [
    emulationCol("rank"),
    col(t, "hamlet"),
    col(t, "commune"),
    ...statuses.flatMap((status) => [
      emulationCol(`newlyMet.${status}`, { defaultValue: status }),
      emulationCol(`met.${status}`, { defaultValue: status }),
    ]),
    emulationCol("households"),
    ...contributions.flatMap((f) => {
      const label = fieldLabel(t, { id: f.fieldId, label: f.label });
      const unit = unitName(t, f.unit, 2);
      return [
        emulationCol("perHousehold", { label, unit }),
        emulationCol("total", { label, unit }),
      ];
    }),
    emulationCol("stories"),
    col(t, "weeksExpected"),
    col(t, "onTime"),
    col(t, "late"),
    emulationCol("reportingPoints"),
  ];
  const rows = summary.emulation.map((row): Cell[] => [
    row.rank ?? t("summary:emulation.notRanked"),
    unitLabel(t, row.hamlet),
    communeOf(t, row.hamlet),
    ...row.criteria.flatMap((c) => [c.newlyMet, `${c.met}/${c.of}`]),
    row.households ?? null,
    ...contributions.flatMap((f) => [
      row.perHousehold[f.fieldId] ?? null,
      row.contributions[f.fieldId] ?? 0,
    ]),
    row.storiesPublished,
    row.weeksExpected,
    row.weeksOnTime,
    row.weeksLate,
    row.reportingPoints,
  ]);
  const sheet = tableSheet(workbook, sheetName(t, "emulation"), title, header, rows);
  sheet.addRow([]);
  for (const line of HOW_RANKED) sheet.addRow([t(`summary:emulation.how.${line}`)]);
}
