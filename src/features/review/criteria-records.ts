import type { CriterionStatus } from "../../domain/criteria.js";
import type { Unit } from "../../domain/unit.js";
import { UnitTree } from "../../domain/unit-tree.js";
import type { Translate } from "../../i18n.js";
import type { Store } from "../../store/store.js";
import type { RowProblem } from "../csv-table.js";
import { findCriterion, type PlacedCriterion } from "./criteria-progress.js";

/** The states an administrator records as a starting point (claims come from reports only). */
export const RECORDED_STATES = ["met", "unmet"] as const;
/** A state an administrator may record. */
export type RecordedState = (typeof RECORDED_STATES)[number];

/** Problem codes of criteria records; their sentences are `review:cli.problems.<code>`. */
export const CRITERIA_PROBLEM_CODES = new Set([
  "criteria-unknown",
  "criteria-level",
  "criteria-state",
  "criteria-date",
  "criteria-duplicate",
]);

/** One criterion state as typed by an administrator (a CLI line or a CSV row). */
export interface CriterionRecordInput {
  /** Spreadsheet row (2 = first record), or 0 for a command line. */
  row: number;
  unitId: string;
  criterionId: string;
  state: string;
  /** yyyy-mm-dd; empty for today. */
  date: string;
}

/** What recording one input will do. */
export interface CriterionRecordChange {
  row: number;
  action: "add" | "update" | "unchanged";
  status: CriterionStatus;
  unit: Unit;
  placed: PlacedCriterion;
}

/** Every change an import would make, or every problem that stops it (nothing is recorded then). */
export type CriteriaPlan =
  | { ok: true; changes: CriterionRecordChange[] }
  | { ok: false; problems: RowProblem[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks criteria states to record as a unit's starting point: the unit exists, the criterion
 * is one of an active set of the unit's level (hamlet sets for hamlets, the commune set for
 * communes and wards), the state is met or unmet, the date is real and not after `today`, and
 * no unit and criterion comes twice. Says for each whether it adds, changes or keeps a state.
 */
export async function planCriteriaRecords(
  store: Pick<Store, "units" | "criteria">,
  inputs: readonly CriterionRecordInput[],
  today: string,
): Promise<CriteriaPlan> {
  const [units, sets, statuses] = await Promise.all([
    store.units.list(),
    store.criteria.listSets(),
    store.criteria.statuses(),
  ]);
  const tree = new UnitTree(units);
  const activeSets = sets.filter((set) => set.active !== false);
  const held = new Map(statuses.map((s) => [`${s.unitId}|${s.criterionId}`, s]));
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  const changes: CriterionRecordChange[] = [];
  for (const input of inputs) {
    const { row } = input;
    const before = problems.length;
    const unit = tree.get(input.unitId);
    if (!unit)
      problems.push({ row, column: "unit", code: "unknown-unit", params: { value: input.unitId } });
    const placed = findCriterion(activeSets, input.criterionId);
    if (!placed) {
      problems.push({
        row,
        column: "criterion",
        code: "criteria-unknown",
        params: { value: input.criterionId },
      });
    } else if (unit && !levelFits(placed, unit)) {
      problems.push({
        row,
        column: "criterion",
        code: "criteria-level",
        params: { criterion: input.criterionId, unit: unit.id, level: placed.set.level },
      });
    }
    const state = input.state.trim().toLowerCase();
    if (!(RECORDED_STATES as readonly string[]).includes(state)) {
      problems.push({
        row,
        column: "state",
        code: "criteria-state",
        params: { value: input.state },
      });
    }
    const date = input.date.trim() || today;
    if (!isRealDate(date) || date > today) {
      problems.push({ row, column: "date", code: "criteria-date", params: { value: input.date } });
    }
    if (problems.length > before || !unit || !placed) continue;
    const criterionId = qualifiedId(placed);
    const key = `${unit.id}|${criterionId}`;
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push({ row, code: "criteria-duplicate", params: { other } });
      continue;
    }
    seen.set(key, row);
    const status: CriterionStatus = {
      unitId: unit.id,
      criterionId,
      state: state as RecordedState,
      since: date,
    };
    const existing = held.get(key);
    const action = !existing
      ? "add"
      : existing.state === status.state && existing.since === status.since
        ? "unchanged"
        : "update";
    changes.push({ row, action, status, unit, placed });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, changes };
}

/** Records the planned states that change something. */
export async function recordCriteria(
  store: Pick<Store, "criteria">,
  changes: readonly CriterionRecordChange[],
): Promise<void> {
  const changed = changes.filter((c) => c.action !== "unchanged").map((c) => c.status);
  if (changed.length > 0) await store.criteria.setStatuses(changed);
}

function levelFits(placed: PlacedCriterion, unit: Unit): boolean {
  return placed.set.level === "hamlet"
    ? unit.kind === "hamlet"
    : unit.kind === "commune" || unit.kind === "ward";
}

// Statuses are kept under the qualified id, as reports claim them and summaries count them.
function qualifiedId(placed: PlacedCriterion): string {
  const { set, criterion } = placed;
  return criterion.id.includes("/") ? criterion.id : `${set.id}/${criterion.id}`;
}

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * A criteria record problem as a phrase ("không có tiêu chí …"), without its row: the
 * criteria codes are worded in `review:cli.problems`, the shared ones (unknown unit) in
 * `cli:problems`.
 */
export function criteriaProblemPhrase(t: Translate, problem: RowProblem): string {
  const namespace = CRITERIA_PROBLEM_CODES.has(problem.code)
    ? "review:cli.problems"
    : "cli:problems";
  const params: Record<string, string | number> = { ...problem.params };
  if (problem.code === "criteria-level") {
    params.level = t(`review:cli.level.${problem.params?.level ?? "hamlet"}`);
  }
  return String(t(`${namespace}.${problem.code}`, { ...params, defaultValue: problem.code }));
}
