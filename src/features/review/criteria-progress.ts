import type { CriteriaSet, Criterion } from "../../domain/criteria.js";
import { CriteriaStanding } from "../../domain/summary/criteria-standing.js";
import type { Translate } from "../../i18n.js";
import { criterionLabel, labelOf } from "../../reference/labels.js";
import type { Store } from "../../store/store.js";

/** How a hamlet stands on one criteria set, counted as summaries count it (confirmed only). */
export interface SetStanding {
  set: CriteriaSet;
  met: number;
  total: number;
  /** Every criterion of the set (and of the set it requires) is met: the set's status is reached. */
  meets: boolean;
}

/**
 * The hamlet's standing on every active hamlet criteria set on `date`: the same count the
 * weekly summary and `/status` make, so a criterion confirmed here shows there.
 */
export async function hamletStanding(
  store: Pick<Store, "criteria">,
  hamletId: string,
  date: string,
): Promise<SetStanding[]> {
  const [statuses, sets] = await Promise.all([
    store.criteria.statuses(hamletId),
    store.criteria.listSets(),
  ]);
  const hamletSets = sets.filter((set) => set.level === "hamlet" && set.active !== false);
  const standing = new CriteriaStanding(statuses, hamletSets, new Set([hamletId]), date);
  return hamletSets.map((set) => ({
    set,
    met: standing.metIn(hamletId, set),
    total: set.criteria.length,
    meets: standing.meets(hamletId, set),
  }));
}

/** A criterion found in the sets, with the set it belongs to. */
export interface PlacedCriterion {
  set: CriteriaSet;
  criterion: Criterion;
}

/** Finds a criterion by its qualified id (`hamlet-ntm/giao-thong`) in the sets. */
export function findCriterion(
  sets: readonly CriteriaSet[],
  criterionId: string,
): PlacedCriterion | undefined {
  for (const set of sets) {
    const criterion = set.criteria.find(
      (c) => c.id === criterionId || `${set.id}/${c.id}` === criterionId,
    );
    if (criterion) return { set, criterion };
  }
  return undefined;
}

/** A criteria set's name in the reader's language. */
export function setLabel(t: Translate, set: Pick<CriteriaSet, "id">): string {
  return labelOf(t, "criteriaSet", set.id, set.id);
}

/** A criterion with its set: "Giao thông (Bộ tiêu chí xóm nông thôn mới)". */
export function placedLabel(t: Translate, placed: PlacedCriterion): string {
  return t("review:criterion.named", {
    criterion: criterionLabel(t, placed.criterion),
    set: setLabel(t, placed.set),
  });
}

/** The status a set grants, named for the reader ("Đạt chuẩn nông thôn mới"). */
export function statusLabel(t: Translate, set: CriteriaSet): string {
  return set.status ? labelOf(t, "targetStatus", set.status, set.status) : setLabel(t, set);
}

/** One line per set: "Bộ tiêu chí xóm nông thôn mới: 13/14 tiêu chí đã đạt". */
export function standingLines(t: Translate, standings: readonly SetStanding[]): string[] {
  return standings.map((s) =>
    t(s.meets ? "review:standing.reached" : "review:standing.line", {
      set: setLabel(t, s.set),
      met: s.met,
      total: s.total,
      status: statusLabel(t, s.set),
    }),
  );
}
