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
import type { RepositoryName, Store } from "../../store/store.js";

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

/** The repositories a summary is compiled from, but members (see `data`). */
const SUMMARY_INPUTS = [
  "units",
  "reports",
  "criteria",
  "campaigns",
  "reportFields",
  "stories",
] as const satisfies readonly RepositoryName[];

type HeldData = Omit<SummaryData, "reportingStarts"> & { units: readonly Unit[] };

/**
 * Reads summary inputs from the store and compiles summaries, reusing work while nothing
 * changed: the store's change signal (`maintenance.versions`) says whether any input was
 * written since the last read, so the lists, the unit tree and compiled summaries are reused
 * as long as it has not. Members are written by every message (their last-seen time) while
 * the reporting starts drawn from them rarely change, so those are compared by value.
 */
export class SummarySource {
  private held: { key: string; data: HeldData } | undefined;
  private starts:
    | { key: string; members: number | undefined; value: ReadonlyMap<string, string> }
    | undefined;
  private readonly compiled = new Map<string, { inputs: readonly unknown[]; summary: Summary }>();

  constructor(private readonly store: Store) {}

  /** The current inputs, as the same objects as last time where nothing changed. */
  async data(): Promise<SummaryData> {
    const { data, versions } = await this.current();
    let starts = this.starts;
    // A store that counts no member writes (undefined) is read every time.
    if (!starts || starts.members === undefined || starts.members !== versions.members) {
      const fresh = reportingStarts(data.units, await this.store.members.list(), data.reports);
      const key = JSON.stringify([...fresh].sort());
      starts = {
        key,
        members: versions.members,
        value: starts?.key === key ? starts.value : fresh,
      };
      this.starts = starts;
    }
    const { units: _units, ...inputs } = data;
    return { ...inputs, reportingStarts: starts.value };
  }

  private async current(): Promise<{
    data: HeldData;
    versions: Awaited<ReturnType<Store["maintenance"]["versions"]>>;
  }> {
    const versions = await this.store.maintenance.versions();
    const key = JSON.stringify(SUMMARY_INPUTS.map((name) => versions[name] ?? 0));
    if (this.held?.key !== key) this.held = { key, data: await this.read() };
    return { data: this.held.data, versions };
  }

  private async read(): Promise<HeldData> {
    const { store } = this;
    const [
      units,
      reports,
      criteria,
      criteriaSets,
      campaigns,
      recognitions,
      reportFields,
      publishedStories,
    ] = await Promise.all([
      store.units.list(),
      store.reports.listAll(),
      store.criteria.statuses(),
      store.criteria.listSets(),
      store.campaigns.list(),
      store.campaigns.recognitions(),
      store.reportFields.get(),
      store.stories.listByStatus("published"),
    ]);
    return {
      units,
      tree: new UnitTree(units),
      reports,
      criteria,
      criteriaSets,
      campaigns,
      recognitions,
      reportFields,
      publishedStories,
    };
  }

  /** The unit tree as it stands. */
  async tree(): Promise<UnitTree> {
    return (await this.current()).data.tree;
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
