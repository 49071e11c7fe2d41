import type { Campaign, TargetRecognition } from "../../domain/campaign.js";
import type { CriteriaSet, CriterionStatus } from "../../domain/criteria.js";
import { type Period, periodKey } from "../../domain/period.js";
import type { HamletReport } from "../../domain/report.js";
import type { ReportFields } from "../../domain/report-fields.js";
import type { Story } from "../../domain/story.js";
import { compileSummary, type Summary } from "../../domain/summary/index.js";
import { reportingStarts } from "../../domain/summary/reporting-start.js";
import type { Unit } from "../../domain/unit.js";
import { UnitTree } from "../../domain/unit-tree.js";
import { weekOf } from "../../domain/week.js";
import type { Store } from "../../store/store.js";

/** Everything a summary is compiled from that lives in the store. */
export interface SummaryData {
  tree: UnitTree;
  reports: readonly HamletReport[];
  criteria: readonly CriterionStatus[];
  criteriaSets: readonly CriteriaSet[];
  campaigns: readonly Campaign[];
  recognitions: readonly TargetRecognition[];
  reportFields: ReportFields;
  /** Hamlet id → ISO date it reports from; absent: no head using the assistant yet. */
  reportingStarts: ReadonlyMap<string, string>;
  /** Model stories published, counted in the emulation table. */
  publishedStories: readonly Story[];
}

/** How many compiled summaries are kept for repeated questions (a province's is about 1 MB). */
const COMPILED_KEPT = 16;

/**
 * Reads summary inputs from the store and compiles summaries, reusing work while nothing
 * changed. The lowdb store hands out its frozen documents, replacing a document's object
 * whenever it is written, so "the same objects in the same order" is an exact and cheap test
 * for "unchanged": a list found unchanged is swapped for the one read before, and everything
 * built from that (the unit tree, the report index, compiled summaries) is reused. A store
 * that copies its documents (the CLI's socket) simply never hits the cache.
 */
export class SummarySource {
  private readonly lists = new Map<string, readonly unknown[]>();
  private readonly trees = new WeakMap<readonly unknown[], UnitTree>();
  private fields: ReportFields | undefined;
  private starts: ReadonlyMap<string, string> | undefined;
  private startsKey = "";
  private readonly compiled = new Map<string, { inputs: readonly unknown[]; summary: Summary }>();

  constructor(private readonly store: Store) {}

  /** The current inputs, as the same objects as last time where nothing changed. */
  async data(): Promise<SummaryData> {
    const { store } = this;
    const [
      units,
      reports,
      criteria,
      criteriaSets,
      campaigns,
      recognitions,
      reportFields,
      members,
      publishedStories,
    ] = await Promise.all([
      store.units.list(),
      store.reports.listAll(),
      store.criteria.statuses(),
      store.criteria.listSets(),
      store.campaigns.list(),
      store.campaigns.recognitions(),
      store.reportFields.get(),
      store.members.list(),
      store.stories.listByStatus("published"),
    ]);
    return {
      tree: this.treeOf(units),
      reports: this.stable("reports", reports),
      criteria: this.stable("criteria", criteria),
      criteriaSets: this.stable("criteriaSets", criteriaSets),
      campaigns: this.stable("campaigns", campaigns),
      recognitions: this.stable("recognitions", recognitions),
      reportFields: this.stableFields(reportFields),
      reportingStarts: this.stableStarts(reportingStarts(units, members, reports)),
      publishedStories: this.stable("publishedStories", publishedStories),
    };
  }

  /** The unit tree as it stands. */
  async tree(): Promise<UnitTree> {
    return this.treeOf(await this.store.units.list());
  }

  /**
   * The summary of an area over a period as of `now`; the same summary object again while
   * the inputs and the current week are unchanged (what a summary says depends on `now` only
   * through the current week). `read` is data just read by the caller. Throws UnknownAreaError.
   */
  async compile(
    area: string,
    period: Period,
    now: Date,
    timeZone: string,
    read?: SummaryData,
  ): Promise<Summary> {
    const data = read ?? (await this.data());
    const key = `${area}|${periodKey(period)}|${weekOf(now, timeZone)}`;
    const inputs = [
      data.tree,
      data.reports,
      data.criteria,
      data.criteriaSets,
      data.campaigns,
      data.recognitions,
      data.reportFields.groups,
      data.reportingStarts,
      data.publishedStories,
    ];
    const held = this.compiled.get(key);
    if (held?.inputs.every((input, i) => input === inputs[i])) {
      return held.summary;
    }
    const summary = compileSummary({ area, period, now, timeZone, ...data });
    this.compiled.delete(key);
    this.compiled.set(key, { inputs, summary });
    if (this.compiled.size > COMPILED_KEPT) {
      this.compiled.delete(this.compiled.keys().next().value as string);
    }
    return summary;
  }

  private treeOf(fresh: readonly Unit[]): UnitTree {
    const units = this.stable("units", fresh);
    let tree = this.trees.get(units);
    if (!tree) {
      tree = new UnitTree(units);
      this.trees.set(units, tree);
    }
    return tree;
  }

  // Members change often (every message touches one); the starts they yield rarely do.
  private stableStarts(fresh: Map<string, string>): ReadonlyMap<string, string> {
    const key = JSON.stringify([...fresh].sort());
    if (this.starts && this.startsKey === key) return this.starts;
    this.starts = fresh;
    this.startsKey = key;
    return fresh;
  }

  private stableFields(fresh: ReportFields): ReportFields {
    const held = this.fields;
    if (held && sameItems(held.groups, fresh.groups)) return held;
    this.fields = fresh;
    return fresh;
  }

  private stable<T>(name: string, fresh: readonly T[]): readonly T[] {
    const held = this.lists.get(name) as readonly T[] | undefined;
    if (held && sameItems(held, fresh)) return held;
    this.lists.set(name, fresh);
    return fresh;
  }
}

const sources = new WeakMap<Store, SummarySource>();

/** The one SummarySource of a store, shared by /status, the weekly job and exports. */
export function summarySourceOf(store: Store): SummarySource {
  let source = sources.get(store);
  if (!source) {
    source = new SummarySource(store);
    sources.set(store, source);
  }
  return source;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
