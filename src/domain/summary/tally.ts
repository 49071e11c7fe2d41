import { type Unit, unitOn } from "../unit.js";
import type { UnitTree } from "../unit-tree.js";
import { type WeekKey, weekDates } from "../week.js";
import { tidy } from "./field-totals.js";
import { awaitsClarification, type ReportIndex } from "./report-index.js";
import type {
  HamletRef,
  HamletRow,
  NominatedStory,
  RaisedDifficulty,
  ReportingCounts,
  ReportingStanding,
  ReportPhotos,
} from "./types.js";
import { existsDuring } from "./unit-activity.js";

/** A hamlet's reporting over a period. */
export type HamletTally = HamletRow;

/** What one pass over the period's reports yields. */
export interface PeriodTally {
  rows: HamletTally[];
  difficulties: RaisedDifficulty[];
  stories: NominatedStory[];
  /** Counted reports that carry evidence photos, by week then hamlet. */
  photos: ReportPhotos[];
  /** Hamlets of the period with no head using the assistant yet, in the order given. */
  noHead: HamletRef[];
}

/**
 * The hamlet as summaries name it on an ISO date: its name then, with the commune or ward it
 * lay in then (a former Hưng Đạo hamlet is under phường Thục Phán from 2025-07-01).
 */
export function hamletRef(tree: UnitTree, hamlet: Unit, date?: string): HamletRef {
  const named = date ? unitOn(hamlet, date) : hamlet;
  const found = tree.communeOf(hamlet.id, date);
  const commune = found && date ? unitOn(found, date) : found;
  const ref: HamletRef = {
    id: hamlet.id,
    name: named.name,
    ...(hamlet.names ? { names: hamlet.names } : {}),
  };
  return commune ? { ...ref, communeId: commune.id, communeName: commune.name } : ref;
}

/** When each hamlet reports from, and the date its names are taken at. */
export interface TallyOptions {
  /** Hamlet id → ISO date it is expected to report from; undefined: every hamlet, always. */
  starts?: ReadonlyMap<string, string>;
  /** The date whose unit names and parents are shown. */
  namesOn?: string;
}

/**
 * One pass over the hamlets and the weeks counted: who was expected each week (existing that
 * week), who reported on time or late, what they reported, and the difficulties and good
 * deeds they raised. A report returned for clarification keeps counting, figures and all,
 * marked as awaiting clarification: the head was asked to check it, not to start over.
 */
export function tallyPeriod(
  tree: UnitTree,
  index: ReportIndex,
  hamlets: readonly Unit[],
  weeks: readonly WeekKey[],
  fieldIds: readonly string[],
  options: TallyOptions = {},
): PeriodTally {
  const spans = weeks.map((week) => ({ week, ...weekDates(week) }));
  const rows: HamletTally[] = [];
  const difficulties: RaisedDifficulty[] = [];
  const stories: NominatedStory[] = [];
  const photos: ReportPhotos[] = [];
  const noHead: HamletRef[] = [];
  for (const hamlet of hamlets) {
    const ref = hamletRef(tree, hamlet, options.namesOn);
    // A hamlet is expected from the week its reporting starts (the week its first head joined).
    const since = options.starts ? options.starts.get(hamlet.id) : "";
    const values: Record<string, number> = {};
    for (const id of fieldIds) values[id] = 0;
    const row: HamletTally = {
      hamlet: ref,
      weeksExpected: 0,
      weeksOnTime: 0,
      weeksLate: 0,
      weeksReturned: 0,
      values,
    };
    let touched = false;
    for (const { week, monday, sunday } of spans) {
      const expected =
        existsDuring(hamlet, monday, sunday) && since !== undefined && since <= sunday;
      const report = index.get(week, hamlet.id);
      if (expected) row.weeksExpected++;
      if (!report) continue;
      touched = true;
      if (expected) {
        if (report.late) row.weeksLate++;
        else row.weeksOnTime++;
        if (awaitsClarification(report)) row.weeksReturned++;
      }
      for (const [fieldId, value] of Object.entries(report.values)) {
        if (Number.isFinite(value)) values[fieldId] = (values[fieldId] ?? 0) + value;
      }
      if (report.difficulties?.trim()) {
        difficulties.push({ hamlet: ref, week, reportId: report.id, text: report.difficulties });
      }
      const files = [...report.photos, ...(report.goodDeed?.photo ? [report.goodDeed.photo] : [])];
      if (files.length > 0) {
        photos.push({
          hamlet: ref,
          week,
          reportId: report.id,
          receipt: report.receipt,
          files: files.map((photo) => photo.file),
        });
      }
      if (report.goodDeed?.text.trim()) {
        stories.push({
          hamlet: ref,
          week,
          reportId: report.id,
          text: report.goodDeed.text,
          consent: report.goodDeed.consent,
          hasPhoto: report.goodDeed.photo !== undefined,
        });
      }
    }
    for (const id of Object.keys(values)) values[id] = tidy(values[id] ?? 0);
    if (row.weeksExpected > 0 || touched) rows.push(row);
    if (since === undefined && spans.some((s) => existsDuring(hamlet, s.monday, s.sunday))) {
      noHead.push(ref);
    }
  }
  const byWeekThenHamlet = (a: { week: string }, b: { week: string }) =>
    a.week.localeCompare(b.week);
  difficulties.sort(byWeekThenHamlet);
  stories.sort(byWeekThenHamlet);
  photos.sort(byWeekThenHamlet);
  return { rows, difficulties, stories, photos, noHead };
}

/** Reporting counts summed over hamlet tallies. */
export function reportingCounts(rows: readonly HamletTally[]): ReportingCounts {
  let expected = 0;
  let onTime = 0;
  let late = 0;
  let returned = 0;
  for (const row of rows) {
    expected += row.weeksExpected;
    onTime += row.weeksOnTime;
    late += row.weeksLate;
    returned += row.weeksReturned;
  }
  const reported = onTime + late;
  return {
    expected,
    onTime,
    late,
    reported,
    missing: expected - reported,
    returned,
    rate: expected > 0 ? reported / expected : 0,
  };
}

/** Reporting counts with the hamlets that missed a week, those awaiting clarification, and those with no head yet. */
export function reportingStanding(
  rows: readonly HamletTally[],
  noHeadHamlets: readonly HamletRef[] = [],
): ReportingStanding {
  const missingHamlets = rows
    .filter((row) => row.weeksExpected > row.weeksOnTime + row.weeksLate)
    .map((row) => ({
      ...row.hamlet,
      weeksMissing: row.weeksExpected - row.weeksOnTime - row.weeksLate,
    }));
  const awaitingClarification = rows
    .filter((row) => row.weeksReturned > 0)
    .map((row) => ({ ...row.hamlet, weeksReturned: row.weeksReturned }));
  return {
    ...reportingCounts(rows),
    missingHamlets,
    awaitingClarification,
    noHeadHamlets: [...noHeadHamlets],
  };
}
