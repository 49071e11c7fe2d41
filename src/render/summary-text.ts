import type { HeadContacts } from "../domain/head-contacts.js";
import type { Locale } from "../domain/member.js";
import { CONTRIBUTION_FIELDS } from "../domain/summary/emulation.js";
import type { Summary } from "../domain/summary/types.js";
import type { Translate } from "../i18n.js";
import { unitInlineLabel, unitLabel } from "../reference/labels.js";
import { formatDate, formatNumber, formatWeek } from "./format.js";
import { formatPeriod, previousPeriodName } from "./period-label.js";
import { formatQuantity } from "./quantity.js";
import {
  criteriaSharesLine,
  noHeadLine,
  runningFromDate,
  runningLine,
} from "./reporting-start-lines.js";
import {
  clarifyingLine,
  formatPercent,
  headlineText,
  headlineTotals,
  missingLine,
  planLines,
  reportingLine,
  titleLine,
  totalText,
} from "./summary-lines.js";

/** How many missing hamlets the short answer names before saying "and N more". */
const STATUS_MISSING_NAMES = 8;
/** How many difficulties and stories the long summary quotes before pointing to the sheet. */
const LONG_ITEMS = 20;
/** How many hamlets of the emulation table the long summary shows. */
const LONG_EMULATION_ROWS = 10;

/**
 * The short `/status` answer: title, reporting rate and who is missing, a few headline
 * totals with the previous period's, and progress against the plan. Missing hamlets come
 * with their heads from `contacts`, made for the reader. Plain text: escaping for a
 * platform's markup is the channel's job.
 */
export function renderStatusText(
  summary: Summary,
  t: Translate,
  locale: Locale,
  contacts?: HeadContacts,
): string {
  const lines = [titleLine(summary, t, locale)];
  const missing = missingLine(summary, t, STATUS_MISSING_NAMES, contacts);
  lines.push(
    missing ? `${reportingLine(summary, t, locale)} ${missing}` : reportingLine(summary, t, locale),
  );
  const clarifying = clarifyingLine(summary, t);
  if (clarifying) lines.push(clarifying);
  const headlines = headlineTotals(summary.fields).map((f) => headlineText(summary, f, t, locale));
  if (headlines.length === 0) lines.push(t("summary:totals.none"));
  for (let i = 0; i < headlines.length; i += 2) lines.push(headlines.slice(i, i + 2).join(" · "));
  const running = runningLine(summary, t, locale);
  if (running) lines.push(running);
  const noHead = noHeadLine(summary, t, STATUS_MISSING_NAMES);
  if (noHead) lines.push(noHead);
  lines.push(...planLines(summary, t, locale));
  const shares = criteriaSharesLine(summary, t, locale);
  if (shares) lines.push(shares);
  return lines.join("\n");
}

/**
 * The full summary pushed after a week closes (or asked with `/summary`): reporting with
 * every missing hamlet, every field with the previous period and the running total, plan
 * progress, the breakdown by unit, difficulties, nominated stories and the emulation table.
 * `contacts` are the hamlet heads named beside missing hamlets, made for the reader.
 */
export function renderSummaryText(
  summary: Summary,
  t: Translate,
  locale: Locale,
  contacts?: HeadContacts,
): string {
  const sections = [
    [
      t("summary:long.heading", {
        period: formatPeriod(t, locale, summary.period).toLocaleUpperCase(locale),
        area: unitLabel(t, summary.area),
      }),
    ],
    reportingSection(summary, t, locale, contacts),
    totalsSection(summary, t, locale),
    planSection(summary, t, locale),
    partsSection(summary, t, locale),
    itemsSection(summary, t, locale, "difficulties"),
    itemsSection(summary, t, locale, "stories"),
    emulationSection(summary, t, locale),
  ];
  return sections
    .filter((section) => section.length > 0)
    .map((section) => section.join("\n"))
    .join("\n\n");
}

function reportingSection(
  summary: Summary,
  t: Translate,
  locale: Locale,
  contacts?: HeadContacts,
): string[] {
  const { reporting } = summary;
  const lines = [t("summary:long.reportingHeading")];
  if (reporting.expected === 0) {
    const noHead = noHeadLine(summary, t, Number.POSITIVE_INFINITY);
    return [...lines, t("summary:reporting.none"), ...(noHead ? [`- ${noHead}`] : [])];
  }
  lines.push(
    `- ${t("summary:long.reported", {
      reported: formatNumber(locale, reporting.reported),
      expected: formatNumber(locale, reporting.expected),
      rate: formatPercent(locale, reporting.rate),
      onTime: formatNumber(locale, reporting.onTime),
      late: formatNumber(locale, reporting.late),
      returned: formatNumber(locale, reporting.returned),
    })}`,
  );
  const missing = missingLine(summary, t, Number.POSITIVE_INFINITY, contacts);
  lines.push(`- ${missing}`);
  const noHead = noHeadLine(summary, t, Number.POSITIVE_INFINITY);
  if (noHead) lines.push(`- ${noHead}`);
  const clarifying = clarifyingLine(summary, t);
  if (clarifying) lines.push(`- ${clarifying}`);
  return lines;
}

function totalsSection(summary: Summary, t: Translate, locale: Locale): string[] {
  const lines = [t("summary:long.totalsHeading")];
  const previousName = previousPeriodName(t, summary.period);
  const from = runningFromDate(summary, locale);
  // A field with nothing this period, last period or since the start says nothing: leave it
  // out, so the lines that matter are not lost among fifteen rows of zeros.
  const spoken = summary.fields.filter(
    (total) => total.value !== 0 || (total.previous ?? 0) !== 0 || (total.running ?? 0) !== 0,
  );
  if (spoken.length === 0) lines.push(`- ${t("summary:long.nothingReported")}`);
  for (const total of spoken) {
    const { label, value } = totalText(total, total.value, t, locale);
    const parts = [t("summary:long.totalLine", { label, value })];
    // "tuần trước: 0 m" tells a reader nothing: a comparison is said only when there is one.
    if (total.previous) {
      const previous = formatQuantity(locale, total.previous, total.unit, t);
      parts.push(t("summary:long.previousPart", { previousName, previous }));
    }
    if (total.running !== undefined) {
      const running = formatQuantity(locale, total.running, total.unit, t);
      parts.push(t("summary:long.runningPart", { from, running }));
    }
    lines.push(`- ${parts.join(" · ")}`);
  }
  return lines;
}

function planSection(summary: Summary, t: Translate, locale: Locale): string[] {
  const { plan } = summary;
  if (!plan) {
    const shares = criteriaSharesLine(summary, t, locale);
    return shares ? [t("summary:long.criteriaHeading"), `- ${shares}`] : [];
  }
  const heading = t("summary:long.planHeading", {
    campaign: formatPeriod(t, locale, {
      kind: "campaign",
      campaignId: plan.campaignId,
      from: plan.from,
      to: plan.to,
    }),
    date: formatDate(locale, plan.asOf),
  });
  return [heading, ...planLines(summary, t, locale).map((line) => `- ${line}`)];
}

function partsSection(summary: Summary, t: Translate, locale: Locale): string[] {
  if (summary.parts.length === 0) return [];
  const lines = [t("summary:long.partsHeading")];
  for (const part of summary.parts) {
    const head = t("summary:long.partLine", {
      name: unitLabel(t, part.unit),
      reported: formatNumber(locale, part.reporting.reported),
      expected: formatNumber(locale, part.reporting.expected),
      rate: formatPercent(locale, part.reporting.rate),
    });
    const progress = part.progress.map((p) => {
      const label =
        part.unit.kind === "hamlet"
          ? t(`summary:chart.criteria.${p.status}`, { defaultValue: p.status })
          : t(`summary:chart.share.${p.status}`, { defaultValue: p.status });
      // The chart's label opens a line; here it follows "; " inside the line. An acronym
      // ("NTM criteria met") keeps its capitals.
      const acronym = /^\p{Lu}{2}/u.test(label);
      return t("summary:long.partProgress", {
        label: acronym ? label : label.charAt(0).toLocaleLowerCase(locale) + label.slice(1),
        meeting: formatNumber(locale, p.meeting),
        of: formatNumber(locale, p.of),
      });
    });
    lines.push(`- ${[head, ...progress].join("; ")}`);
  }
  return lines;
}

function itemsSection(
  summary: Summary,
  t: Translate,
  locale: Locale,
  kind: "difficulties" | "stories",
): string[] {
  const items = summary[kind];
  const lines = [t(`summary:long.${kind}Heading`, { count: items.length })];
  if (items.length === 0) return [...lines, t("summary:long.nothing")];
  for (const item of items.slice(0, LONG_ITEMS)) {
    const line = t("summary:long.itemLine", {
      hamlet: unitLabel(t, item.hamlet),
      commune:
        item.hamlet.communeId && summary.area.kind !== "commune" && summary.area.kind !== "ward"
          ? t("summary:long.commune", {
              name: unitInlineLabel(t, locale, {
                id: item.hamlet.communeId,
                name: item.hamlet.communeName ?? "",
              }),
            })
          : "",
      week: formatWeek(locale, item.week),
      text: item.text.trim(),
    });
    const consent = "consent" in item && !item.consent ? ` ${t("summary:long.noConsent")}` : "";
    lines.push(`- ${line}${consent}`);
  }
  if (items.length > LONG_ITEMS) {
    lines.push(t("summary:long.moreItems", { count: items.length - LONG_ITEMS }));
  }
  return lines;
}

function emulationSection(summary: Summary, t: Translate, locale: Locale): string[] {
  const rows = summary.emulation.filter((row) => row.rank !== null).slice(0, LONG_EMULATION_ROWS);
  if (rows.length === 0) return [];
  const lines = [t("summary:long.emulationHeading", { count: rows.length })];
  const contributions = summary.fields.filter((f) =>
    CONTRIBUTION_FIELDS.some((id) => id === f.fieldId),
  );
  for (const row of rows) {
    const parts = row.criteria.map((c) =>
      t(`summary:emulation.criteriaPart.${c.status}`, {
        newly: formatNumber(locale, c.newlyMet),
        met: formatNumber(locale, c.met),
        of: formatNumber(locale, c.of),
        defaultValue: `${c.status} ${c.newlyMet}`,
      }),
    );
    if (row.households === undefined) parts.push(t("summary:emulation.noHouseholds"));
    else {
      const given = contributions
        .filter((f) => (row.perHousehold[f.fieldId] ?? 0) > 0)
        .map((f) => formatQuantity(locale, row.perHousehold[f.fieldId] ?? 0, f.unit, t));
      if (given.length > 0) {
        parts.push(t("summary:emulation.perHouseholdPart", { values: given.join(", ") }));
      }
    }
    if (row.storiesPublished > 0) {
      parts.push(t("summary:emulation.storiesPart", { count: row.storiesPublished }));
    }
    parts.push(
      t("summary:emulation.reportingPart", {
        onTime: formatNumber(locale, row.weeksOnTime),
        late: formatNumber(locale, row.weeksLate),
        expected: formatNumber(locale, row.weeksExpected),
      }),
    );
    lines.push(
      t("summary:long.emulationLine", {
        rank: row.rank,
        hamlet: unitLabel(t, row.hamlet),
        results: parts.join("; "),
      }),
    );
  }
  return lines;
}
