import type { Campaign } from "../campaign.js";
import { earlierDay, localDate } from "../local-time.js";
import {
  campaignInForce,
  type Period,
  periodDates,
  previousPeriod,
  weeksOfPeriod,
  weeksWithThursdayBetween,
} from "../period.js";
import type { Unit } from "../unit.js";
import { type WeekKey, weekBounds, weekOf, weeksBetween } from "../week.js";
import { criteriaShares } from "./criteria-shares.js";
import { CriteriaStanding } from "./criteria-standing.js";
import { emulationTable } from "./emulation.js";
import { fieldIdsOf, fieldTotals, sumFields, sumRows } from "./field-totals.js";
import { partStandings, unitRef } from "./parts.js";
import { planProgress } from "./plan-progress.js";
import { type ReportIndex, reportIndexOf } from "./report-index.js";
import { reportingStanding, tallyPeriod } from "./tally.js";
import type { PublishedStory, Summary, SummaryInput } from "./types.js";

/** A summary's input with the reports already indexed, as a caller keeping them up to date has them. */
export type IndexedSummaryInput = Omit<SummaryInput, "reports"> & { reports: ReportIndex };

/** Thrown when the area asked for is not a unit of the tree; callers check scope first. */
export class UnknownAreaError extends Error {
  /** The area id that was not found. */
  readonly area: string;

  constructor(area: string) {
    super(`unknown area: ${area}`);
    this.name = "UnknownAreaError";
    this.area = area;
  }
}

/**
 * Compiles the summary of an area over a period: who reported, field totals with the
 * previous period and the running total, plan progress, the breakdown one level down,
 * difficulties, nominated stories and the emulation table. Weeks that have not begun by
 * `now` are not expected yet. Throws UnknownAreaError for an area not in the tree.
 */
export function compileSummary(input: SummaryInput | IndexedSummaryInput): Summary {
  const { tree, period, now, timeZone } = input;
  const area = tree.get(input.area);
  if (!area) throw new UnknownAreaError(input.area);
  const index = reportIndexOf(input.reports);
  const fieldIds = fieldIdsOf(input.reportFields);
  const currentWeek = weekOf(now, timeZone);
  const elapsed = (weeks: readonly WeekKey[]) => weeks.filter((week) => week <= currentWeek);

  const weeks = weeksOfPeriod(period);
  const weeksElapsed = elapsed(weeks);
  const lastWeek = weeks[weeks.length - 1];
  const complete = lastWeek !== undefined && weekBounds(lastWeek, timeZone).end <= now;
  const { start: periodStart, end: periodEnd } = periodDates(period);

  const hamlets = tree.hamletsUnder(area.id);
  const hamletIds = idsOf(hamlets);
  // Names and parents as they were at the period's end, or today for a period still running.
  const today = localDate(now, timeZone);
  const namesOn = earlierDay(periodEnd, today);
  const tally = tallyPeriod(tree, index, hamlets, weeksElapsed, fieldIds, {
    ...(input.reportingStarts ? { starts: input.reportingStarts } : {}),
    namesOn,
  });

  const previous = previousPeriod(period, input.campaigns);
  const previousTotals = previous
    ? sumFields(index, hamletIds, elapsed(weeksOfPeriod(previous)))
    : undefined;

  const campaign = campaignFor(period, periodEnd, input.campaigns);
  const lastElapsed = weeksElapsed[weeksElapsed.length - 1];
  const runningFrom = runningStart(
    campaign ? weeksWithThursdayBetween(campaign.from, campaign.to)[0] : undefined,
    lastElapsed !== undefined ? index.firstCountedWeek(hamletIds, lastElapsed) : undefined,
  );
  const runningTotals =
    runningFrom !== undefined
      ? sumFields(
          index,
          hamletIds,
          lastElapsed !== undefined && lastElapsed >= runningFrom
            ? weeksBetween(runningFrom, lastElapsed)
            : [],
        )
      : undefined;

  const standingAtEnd = CriteriaStanding.of(
    input.criteria,
    input.criteriaSets,
    hamletIds,
    periodEnd,
  );
  const dayBefore = dayBeforeIso(periodStart);
  const standingBefore = CriteriaStanding.of(
    input.criteria,
    input.criteriaSets,
    hamletIds,
    dayBefore,
  );
  // An ended campaign is shown as it stood on its last day: its final standing.
  const asOf = campaign && campaign.to < periodEnd ? campaign.to : periodEnd;
  const planStanding =
    asOf === periodEnd
      ? standingAtEnd
      : CriteriaStanding.of(input.criteria, input.criteriaSets, hamletIds, asOf);
  const plan = campaign
    ? planProgress({
        campaign,
        area: unitRef(area, namesOn),
        tree,
        hamlets,
        standing: planStanding,
        recognitions: input.recognitions,
        criteria: input.criteria,
        criteriaSets: input.criteriaSets,
        periodEnd,
      })
    : undefined;

  const summary: Summary = {
    area: unitRef(area, namesOn),
    period,
    weeks,
    weeksElapsed,
    complete,
    generatedAt: now.toISOString(),
    timeZone: input.timeZone,
    reporting: reportingStanding(tally.rows, tally.noHead),
    fields: fieldTotals(input.reportFields, sumRows(tally.rows), previousTotals, runningTotals),
    parts: partStandings(tree, area, {
      rows: tally.rows,
      standing: planStanding,
      campaign,
      asOf,
      periodEnd,
      noHead: new Set(tally.noHead.map((h) => h.id)),
      namesOn,
    }),
    hamlets: tally.rows,
    difficulties: tally.difficulties,
    stories: tally.stories,
    photos: tally.photos,
    emulation: emulationTable(tally.rows, {
      atEnd: standingAtEnd,
      beforeStart: standingBefore,
      households: householdsOf(hamlets),
      storiesPublished: storiesPublishedIn(input.publishedStories ?? [], periodStart, periodEnd),
    }),
  };
  if (previous) summary.previousPeriod = previous;
  if (runningFrom !== undefined) summary.runningFrom = runningFrom;
  if (plan) summary.plan = plan;
  else
    summary.criteriaShares = criteriaShares(input.criteriaSets, standingAtEnd, hamlets, periodEnd);
  return summary;
}

/**
 * The campaign a period is judged against: the one asked for, or the one in force at its
 * end; none once a plan has ended and no new one is loaded.
 */
function campaignFor(
  period: Period,
  periodEnd: string,
  campaigns: readonly Campaign[],
): Campaign | undefined {
  if (period.kind === "campaign") {
    const named = campaigns.find((c) => c.id === period.campaignId);
    if (named) return named;
  }
  return campaignInForce(periodEnd, campaigns);
}

/** Running totals start at the later of the plan's first week and the first report. */
function runningStart(
  planStart: WeekKey | undefined,
  firstReport: WeekKey | undefined,
): WeekKey | undefined {
  if (firstReport === undefined) return undefined;
  return planStart !== undefined && planStart > firstReport ? planStart : firstReport;
}

const hamletSets = new WeakMap<readonly Unit[], ReadonlySet<string>>();

/**
 * The ids of an area's hamlets, one set per list (the tree keeps one list per area), so the
 * index's week totals for the area are found again (see `ReportIndex.weekTotals`).
 */
function idsOf(hamlets: readonly Unit[]): ReadonlySet<string> {
  let ids = hamletSets.get(hamlets);
  if (!ids) {
    ids = new Set(hamlets.map((h) => h.id));
    hamletSets.set(hamlets, ids);
  }
  return ids;
}

function householdsOf(hamlets: readonly Unit[]): Map<string, number> {
  const households = new Map<string, number>();
  for (const hamlet of hamlets) {
    if (hamlet.households !== undefined) households.set(hamlet.id, hamlet.households);
  }
  return households;
}

/** Stories published between two dates (inclusive, in the summary's calendar), by hamlet. */
function storiesPublishedIn(
  stories: readonly PublishedStory[],
  from: string,
  to: string,
): Map<string, number> {
  const published = new Map<string, number>();
  for (const story of stories) {
    const day = story.publishedAt?.slice(0, 10);
    if (day === undefined || day < from || day > to) continue;
    published.set(story.unitId, (published.get(story.unitId) ?? 0) + 1);
  }
  return published;
}

function dayBeforeIso(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
