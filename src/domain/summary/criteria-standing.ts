import type { CriteriaSet, CriterionStatus } from "../criteria.js";

/**
 * Which confirmed criteria each hamlet meets on a given date. Only state "met" counts: a
 * criterion a head claimed is not met until an official confirms it. When the store keeps a
 * history of states, the latest one on or before the date applies.
 */
export class CriteriaStanding {
  private readonly met = new Map<string, Set<string>>();
  private readonly sets: readonly CriteriaSet[];
  private readonly setsById: ReadonlyMap<string, CriteriaSet>;
  private readonly meetsCache = new Map<string, boolean>();
  private readonly metCache = new Map<string, number>();

  /**
   * The standing of these hamlets on a date, made once for the same statuses, sets and set
   * of hamlets (the same objects): a summary compiled again after a new report, with no
   * criterion changed, finds it with the answers it already gave.
   */
  static of(
    statuses: readonly CriterionStatus[],
    sets: readonly CriteriaSet[],
    hamletIds: ReadonlySet<string>,
    date: string,
  ): CriteriaStanding {
    let bySets = standings.get(statuses);
    if (!bySets) {
      bySets = new WeakMap();
      standings.set(statuses, bySets);
    }
    let byHamlets = bySets.get(sets);
    if (!byHamlets) {
      byHamlets = new WeakMap();
      bySets.set(sets, byHamlets);
    }
    let byDate = byHamlets.get(hamletIds);
    if (!byDate) {
      byDate = new Map();
      byHamlets.set(hamletIds, byDate);
    }
    let standing = byDate.get(date);
    if (!standing) {
      standing = new CriteriaStanding(statuses, sets, hamletIds, date);
      byDate.set(date, standing);
    }
    return standing;
  }

  constructor(
    statuses: readonly CriterionStatus[],
    sets: readonly CriteriaSet[],
    hamletIds: ReadonlySet<string>,
    date: string,
  ) {
    this.sets = sets.filter((set) => set.level === "hamlet" && set.active !== false);
    this.setsById = new Map(this.sets.map((set) => [set.id, set]));
    const latest = new Map<string, CriterionStatus>();
    for (const status of statuses) {
      if (!hamletIds.has(status.unitId)) continue;
      if (status.since.slice(0, 10) > date) continue;
      const key = `${status.unitId}\u0000${status.criterionId}`;
      const held = latest.get(key);
      if (!held || status.since >= held.since) latest.set(key, status);
    }
    for (const status of latest.values()) {
      if (status.state !== "met") continue;
      let ids = this.met.get(status.unitId);
      if (!ids) {
        ids = new Set();
        this.met.set(status.unitId, ids);
      }
      ids.add(status.criterionId);
    }
  }

  /** The hamlet criteria set that grants a status (`ntm`, `model`), if the data has one. */
  setFor(status: string): CriteriaSet | undefined {
    return this.sets.find((set) => set.status === status);
  }

  /** How many criteria of the set the hamlet meets. */
  metIn(hamletId: string, set: CriteriaSet): number {
    const ids = this.met.get(hamletId);
    if (!ids) return 0;
    const key = `${hamletId}\u0000${set.id}`;
    let n = this.metCache.get(key);
    if (n === undefined) {
      n = 0;
      for (const criterion of set.criteria) if (isMet(ids, set, criterion.id)) n++;
      this.metCache.set(key, n);
    }
    return n;
  }

  /** True when the hamlet meets every criterion of the set and of the set it requires. */
  meets(hamletId: string, set: CriteriaSet): boolean {
    const key = `${hamletId}\u0000${set.id}`;
    const cached = this.meetsCache.get(key);
    if (cached !== undefined) return cached;
    this.meetsCache.set(key, false); // guards against a set requiring itself
    const required = set.requires ? this.setsById.get(set.requires) : undefined;
    const result =
      set.criteria.length > 0 &&
      this.metIn(hamletId, set) === set.criteria.length &&
      (!set.requires || (required !== undefined && this.meets(hamletId, required)));
    this.meetsCache.set(key, result);
    return result;
  }
}

const standings = new WeakMap<
  readonly CriterionStatus[],
  WeakMap<readonly CriteriaSet[], WeakMap<ReadonlySet<string>, Map<string, CriteriaStanding>>>
>();

// Criterion ids are qualified by their set (`hamlet-ntm/giao-thong`); a set loaded with bare
// ids still matches statuses recorded with the qualified form.
function isMet(ids: ReadonlySet<string>, set: CriteriaSet, criterionId: string): boolean {
  return ids.has(criterionId) || ids.has(`${set.id}/${criterionId}`);
}
