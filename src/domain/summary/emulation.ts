import type { CriteriaStanding } from "./criteria-standing.js";
import { competitionRanks } from "./rank.js";
import type { HamletTally } from "./tally.js";
import type { EmulationRow } from "./types.js";

/**
 * The emulation table: every hamlet of the period ranked by weeks reported on time and,
 * separately, by confirmed criteria met; ties share a rank. Rows run from the most regular
 * reporter down, then by progress, then by name.
 */
export function emulationTable(
  rows: readonly HamletTally[],
  atEnd: CriteriaStanding,
  beforeStart: CriteriaStanding,
): EmulationRow[] {
  const table = rows.map((row) => {
    const criteriaMet = atEnd.criteriaMet(row.hamlet.id);
    return {
      hamlet: row.hamlet,
      weeksExpected: row.weeksExpected,
      weeksOnTime: row.weeksOnTime,
      weeksLate: row.weeksLate,
      criteriaMet,
      criteriaNewlyMet: Math.max(0, criteriaMet - beforeStart.criteriaMet(row.hamlet.id)),
      onTimeRank: 0,
      progressRank: 0,
    };
  });
  const onTime = competitionRanks(table, (row) => row.weeksOnTime);
  const progress = competitionRanks(table, (row) => row.criteriaMet);
  table.forEach((row, i) => {
    row.onTimeRank = onTime[i] ?? 0;
    row.progressRank = progress[i] ?? 0;
  });
  return table.sort(
    (a, b) =>
      a.onTimeRank - b.onTimeRank ||
      a.progressRank - b.progressRank ||
      a.hamlet.name.localeCompare(b.hamlet.name, "vi"),
  );
}
