/** One criterion of a set; `id` is qualified by its set, e.g. `hamlet-ntm/giao-thong`. */
export interface Criterion {
  id: string;
  no: number;
  name: string;
}

/** A criteria set: the commune NTM set, the hamlet NTM set, the hamlet model set. */
export interface CriteriaSet {
  id: string;
  level: "commune" | "hamlet";
  /** The status a unit reaches by meeting every criterion of the set (`ntm`, `model`). */
  status?: string;
  /** A set that must be met first (the model set requires the NTM set). */
  requires?: string;
  source?: string;
  criteria: Criterion[];
  active: boolean;
}

/** Whether a criterion is met by a unit: claimed by a hamlet head, confirmed by an official. */
export type CriterionState = "unmet" | "claimed" | "met";

/** The recorded state of one criterion for one unit. */
export interface CriterionStatus {
  unitId: string;
  criterionId: string;
  state: CriterionState;
  /** ISO date the state took effect. */
  since: string;
  /** The report that claimed it, when claimed through a weekly report. */
  reportId?: string;
  confirmedBy?: string;
}
