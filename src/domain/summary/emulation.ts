import type { CriteriaStanding } from "./criteria-standing.js";
import type { HamletTally } from "./tally.js";
import type { EmulationCriteria, EmulationRow } from "./types.js";

/**
 * The report fields that are residents' contributions, compared per household: money
 * (triệu đồng), workdays and land donated (m²). Sponsors' money is left out: it measures
 * who the hamlet knows, not what its people gave.
 */
export const CONTRIBUTION_FIELDS = [
  "fundsPeopleMillionVnd",
  "labourDays",
  "landDonatedM2",
] as const;

/** Points a week scores for regular reporting: a late report scores above none. */
export const REPORTING_POINTS = { onTime: 2, late: 1, missing: 0 } as const;

/** What the emulation table needs besides the tallies. */
export interface EmulationDeps {
  atEnd: CriteriaStanding;
  beforeStart: CriteriaStanding;
  /** Households of each hamlet, where the unit data has the count. */
  households: ReadonlyMap<string, number>;
  /** Model stories published during the period, by hamlet. */
  storiesPublished: ReadonlyMap<string, number>;
}

/**
 * The emulation table (bảng thi đua) for commendation, ranked by results, not punctuality.
 * Hamlets are compared on, in order: criteria of the hamlet NTM set newly met (confirmed),
 * then of the model set (each set on its own, never summed), then residents' contributions
 * per household (money, then workdays, then land; a hamlet without a household count scores
 * none here), then model stories published, and last regular reporting (on time 2 points a
 * week, late 1, none 0). Equal on every count means an equal rank (1, 1, 3). A hamlet that
 * was not expected to report in the period (no head yet) is listed but not ranked.
 */
export function emulationTable(rows: readonly HamletTally[], deps: EmulationDeps): EmulationRow[] {
  const sets = ["ntm", "model"].flatMap((status) => {
    const set = deps.atEnd.setFor(status);
    return set ? [{ status, set }] : [];
  });
  const table = rows.map((row): EmulationRow => {
    const id = row.hamlet.id;
    const criteria = sets.map(({ status, set }): EmulationCriteria => {
      const met = deps.atEnd.metIn(id, set);
      return {
        status,
        of: set.criteria.length,
        met,
        newlyMet: Math.max(0, met - deps.beforeStart.metIn(id, set)),
      };
    });
    const households = deps.households.get(id);
    const contributions: Record<string, number> = {};
    const perHousehold: Record<string, number> = {};
    for (const field of CONTRIBUTION_FIELDS) {
      const total = row.values[field] ?? 0;
      contributions[field] = total;
      if (households !== undefined && households > 0) {
        perHousehold[field] = Math.round((total / households) * 1000) / 1000;
      }
    }
    const entry: EmulationRow = {
      hamlet: row.hamlet,
      weeksExpected: row.weeksExpected,
      weeksOnTime: row.weeksOnTime,
      weeksLate: row.weeksLate,
      reportingPoints:
        row.weeksOnTime * REPORTING_POINTS.onTime + row.weeksLate * REPORTING_POINTS.late,
      criteria,
      contributions,
      perHousehold,
      storiesPublished: deps.storiesPublished.get(id) ?? 0,
      rank: null,
    };
    if (households !== undefined) entry.households = households;
    return entry;
  });

  // Sorted best first on every count in turn; rows equal on all of them share a rank.
  const ranked = table
    .filter((row) => row.weeksExpected > 0)
    .map((row) => ({ row, results: resultsOf(row) }))
    .sort((a, b) => compareResults(a.results, b.results));
  ranked.forEach((entry, i) => {
    const before = ranked[i - 1];
    entry.row.rank =
      before && compareResults(before.results, entry.results) === 0 ? before.row.rank : i + 1;
  });
  return table.sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      a.hamlet.name.localeCompare(b.hamlet.name, "vi"),
  );
}

/** What a row is compared on, most important first; higher is better. */
function resultsOf(row: EmulationRow): number[] {
  return [
    ...row.criteria.map((c) => c.newlyMet),
    ...CONTRIBUTION_FIELDS.map((field) => row.perHousehold[field] ?? 0),
    row.storiesPublished,
    row.reportingPoints,
  ];
}

// Best first: the first count that differs decides.
function compareResults(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < x.length; i++) {
    const d = (y[i] ?? 0) - (x[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
