import type { Campaign, TargetRecognition } from "../campaign.js";
import type { CriteriaSet, CriterionStatus } from "../criteria.js";
import type { Period } from "../period.js";
import type { HamletReport } from "../report.js";
import type { ReportFields } from "../report-fields.js";
import type { Story } from "../story.js";
import type { UnitKind, UnitNameSpan } from "../unit.js";
import type { UnitTree } from "../unit-tree.js";
import type { WeekKey } from "../week.js";

/** Everything a summary is compiled from; all of it is plain data read from the store. */
export interface SummaryInput {
  /** The unit summarised: the city, a commune or ward (merged or not), or a hamlet. */
  area: string;
  period: Period;
  tree: UnitTree;
  /** All stored reports, any week, any hamlet; the compiler indexes them. */
  reports: readonly HamletReport[];
  criteria: readonly CriterionStatus[];
  criteriaSets: readonly CriteriaSet[];
  campaigns: readonly Campaign[];
  recognitions: readonly TargetRecognition[];
  reportFields: ReportFields;
  /**
   * Hamlet id → ISO date the hamlet is expected to report from (see reportingStarts); a
   * hamlet missing from it has no head using the assistant. Undefined: all hamlets, always.
   */
  reportingStarts?: ReadonlyMap<string, string>;
  /** Model stories published (their hamlet and date), for the emulation table. */
  publishedStories?: readonly PublishedStory[];
  now: Date;
  timeZone: string;
}

/** A published model story, as the emulation table counts it. */
export type PublishedStory = Pick<Story, "unitId" | "publishedAt">;

/** A unit as a summary names it: its id and its name in the data (display labels come later). */
export interface UnitRef {
  id: string;
  name: string;
  kind: UnitKind;
  /** The unit's dated names, so a name imported after a rename is shown as imported. */
  names?: UnitNameSpan[];
}

/** A hamlet with the commune or ward it lies in. */
export interface HamletRef {
  id: string;
  name: string;
  /** The hamlet's dated names, so a name imported after a rename is shown as imported. */
  names?: UnitNameSpan[];
  communeId?: string;
  communeName?: string;
}

/** How many hamlet-weeks were expected and how they were reported. */
export interface ReportingCounts {
  /** Hamlet-weeks expected (for a single week: the hamlets expected). */
  expected: number;
  onTime: number;
  late: number;
  /** onTime + late: reports received, returned ones included (their figures count). */
  reported: number;
  /** expected − reported. */
  missing: number;
  /** Of the reported, those returned for clarification and not corrected yet ("chờ làm rõ"). */
  returned: number;
  /** reported / expected, between 0 and 1; 0 when nothing was expected. */
  rate: number;
}

/** A hamlet that did not report (every week, or some weeks of a longer period). */
export interface MissingHamlet extends HamletRef {
  weeksMissing: number;
}

/**
 * A hamlet whose report was returned for clarification: its figures stay in the totals,
 * marked "chờ làm rõ", until the head corrects it.
 */
export interface ClarifyingHamlet extends HamletRef {
  weeksReturned: number;
}

/** Who reported and who did not. */
export interface ReportingStanding extends ReportingCounts {
  /** Hamlets with at least one missing week, in name order. */
  missingHamlets: MissingHamlet[];
  /** Hamlets with no head using the assistant yet: not expected, listed apart. */
  noHeadHamlets: HamletRef[];
  /** Hamlets with at least one report awaiting clarification, in name order. */
  awaitingClarification: ClarifyingHamlet[];
}

/** One report field summed over the area. */
export interface FieldTotal {
  fieldId: string;
  groupId: string;
  /** The field's label in the data (Vietnamese); renderers look up a translation first. */
  label: string;
  /** The field's unit as shipped (m, triệu đồng, …); values are in this unit. */
  unit: string;
  value: number;
  /** The same total over the previous period; undefined when there is none (first campaign). */
  previous?: number;
  /** The total since the start of the campaign shown, through this period; undefined without one. */
  running?: number;
}

/** Where a target stands: met, not met but still within its year, or not met and past it. */
export type TargetState = "met" | "due" | "overdue";

/** A share-of-hamlets target (100% of hamlets meet NTM; 50% are model hamlets). */
export interface ShareTargetProgress {
  status: string;
  share: number;
  by: number;
  text: string;
  /** Hamlets of the area that exist at the standing's date. */
  hamlets: number;
  /** Of those, hamlets meeting every confirmed criterion of the status's set. */
  meeting: number;
  ratio: number;
  state: TargetState;
}

/** Hamlets meeting a criteria set's status, without a target (no plan in force). */
export interface CriteriaShare {
  status: string;
  meeting: number;
  hamlets: number;
}

/** One unit's target (a commune's advanced or model NTM, the city's NTM task). */
export interface UnitTargetProgress {
  unitId: string;
  unitName: string;
  status: string;
  by: number;
  text: string;
  state: TargetState;
  /** Date of the recognition that met it, when met. */
  recognisedOn?: string;
  /** The number of the recognising decision, when recorded. */
  decision?: string;
  /**
   * Until recognised: the unit's confirmed criteria of the commune set the target is judged
   * by ("đạt 15/19 tiêu chí"); absent when the data has no commune set.
   */
  criteria?: { met: number; of: number; recorded: boolean };
}

/** Progress against the campaign's targets, as at `asOf`. */
export interface PlanProgress {
  campaignId: string;
  campaignName: string;
  from: string;
  to: string;
  /** True when the campaign ended before the period did: the standing shown is its final one. */
  ended: boolean;
  /** The date the standing is taken at: the period's end, or the campaign's end once ended. */
  asOf: string;
  shares: ShareTargetProgress[];
  units: UnitTargetProgress[];
}

/** Progress of one part towards a criteria status, with the target ratio to compare against. */
export interface PartProgress {
  status: string;
  /** For a commune part: hamlets meeting the set. For a hamlet part: criteria of the set met. */
  meeting: number;
  /** For a commune part: its hamlets. For a hamlet part: criteria in the set. */
  of: number;
  /** The ratio aimed at: the campaign's share for communes, every criterion (1) for a hamlet. */
  target: number;
}

/** The area broken down one level (communes of the city, hamlets of a commune), to drill into. */
export interface PartStanding {
  unit: UnitRef;
  reporting: ReportingCounts;
  /**
   * Of the part's hamlets, those with no head using the assistant yet (left out of its
   * reporting); absent in summaries stored before it was counted.
   */
  noHead?: number;
  /** The part's hamlets that exist in the period; absent in summaries stored before. */
  hamlets?: number;
  progress: PartProgress[];
}

/** A hamlet's line in the per-hamlet table: what it reported, summed over the period. */
export interface HamletRow {
  hamlet: HamletRef;
  weeksExpected: number;
  weeksOnTime: number;
  weeksLate: number;
  /** Of the weeks reported, those whose report awaits clarification (its figures count). */
  weeksReturned: number;
  /** Field id → total in the field's unit over the period (0 when not reported). */
  values: Record<string, number>;
}

/** A difficulty or proposal raised in a counted report. */
export interface RaisedDifficulty {
  hamlet: HamletRef;
  week: WeekKey;
  reportId: string;
  text: string;
}

/** A good deed nominated in a counted report (it arrives in the story library as "nominated"). */
export interface NominatedStory {
  hamlet: HamletRef;
  week: WeekKey;
  reportId: string;
  text: string;
  consent: boolean;
  hasPhoto: boolean;
}

/** The evidence photos attached to a counted report, by their kept file names. */
export interface ReportPhotos {
  hamlet: HamletRef;
  week: WeekKey;
  reportId: string;
  receipt: string;
  /** Paths of the kept photos, relative to the store's files: the report's, then the good deed's. */
  files: string[];
}

/** A hamlet's confirmed criteria of one hamlet set (NTM or model), never summed across sets. */
export interface EmulationCriteria {
  /** The status the set grants: `ntm` or `model`. */
  status: string;
  /** Criteria in the set. */
  of: number;
  /** Confirmed criteria met at the period's end. */
  met: number;
  /** Of those, criteria that became met during the period. */
  newlyMet: number;
}

/** A hamlet's line in the emulation table (thi đua) used by Phòng Nội vụ for commendation. */
export interface EmulationRow {
  hamlet: HamletRef;
  /** Households of the hamlet, when the unit data has the count. */
  households?: number;
  weeksExpected: number;
  weeksOnTime: number;
  weeksLate: number;
  /** Regular reporting: 2 points a week on time, 1 late, 0 none. */
  reportingPoints: number;
  /** The hamlet NTM set, then the model set, each counted on its own. */
  criteria: EmulationCriteria[];
  /** Residents' contributions over the period (money, workdays, land), by field id. */
  contributions: Record<string, number>;
  /** The same per household; empty without a household count. */
  perHousehold: Record<string, number>;
  /** Model stories from the hamlet published during the period. */
  storiesPublished: number;
  /** Rank by results; ties share a rank (1, 1, 3). Null: not ranked (no head reporting yet). */
  rank: number | null;
}

/** A compiled summary of one area over one period: plain data, stored and rendered as is. */
export interface Summary {
  area: UnitRef;
  period: Period;
  previousPeriod?: Period;
  /** Every week of the period. */
  weeks: WeekKey[];
  /** The weeks counted so far: those begun by `generatedAt` (all of them once it is over). */
  weeksElapsed: WeekKey[];
  /** True once the period's last week has ended. */
  complete: boolean;
  /**
   * The first week running totals count from: the later of the plan's first week and the
   * area's first report (so "lũy kế từ" never reaches back before anyone reported).
   */
  runningFrom?: WeekKey;
  generatedAt: string;
  /** The area's time zone, in which `generatedAt` is shown. */
  timeZone: string;
  reporting: ReportingStanding;
  fields: FieldTotal[];
  plan?: PlanProgress;
  /** With no plan in force: the criteria standing of the area's hamlets, without targets. */
  criteriaShares?: CriteriaShare[];
  parts: PartStanding[];
  hamlets: HamletRow[];
  difficulties: RaisedDifficulty[];
  stories: NominatedStory[];
  /** Reports with evidence photos; absent in summaries stored before photos were listed. */
  photos?: ReportPhotos[];
  emulation: EmulationRow[];
}
