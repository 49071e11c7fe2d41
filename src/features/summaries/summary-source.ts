import type { Campaign, TargetRecognition } from "../../domain/campaign.js";
import type { CriteriaSet, CriterionStatus } from "../../domain/criteria.js";
import {
  callScopesOf,
  contactsOfHeads,
  type HeadContacts,
  headsByHamlet,
} from "../../domain/head-contacts.js";
import type { Member } from "../../domain/member.js";
import { type Period, periodKey } from "../../domain/period.js";
import type { ReportFields } from "../../domain/report-fields.js";
import type { Story } from "../../domain/story.js";
import { compileSummary, ReportIndex, type Summary } from "../../domain/summary/index.js";
import { reportingStarts } from "../../domain/summary/reporting-start.js";
import type { Unit } from "../../domain/unit.js";
import { UnitTree } from "../../domain/unit-tree.js";
import { weekOf } from "../../domain/week.js";
import type { RepositoryName, Store } from "../../store/store.js";

/** The hamlet heads as read at a members' version, and each hamlet's active heads. */
interface HeldHeads {
  members: number | undefined;
  list: readonly Member[];
  value: ReadonlyMap<string, readonly Member[]>;
}

/** Everything a summary is compiled from that lives in the store. */
export interface SummaryData {
  tree: UnitTree;
  /** Every current report, indexed by week and hamlet. */
  reports: ReportIndex;
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

/** How many readers' contact lists are kept, by what they may see (a province's is 2,000 rows). */
const CONTACTS_KEPT = 16;

/** How many compiled summaries are kept for repeated questions (a province's is about 1 MB). */
const COMPILED_KEPT = 16;

/** The repositories a summary is compiled from, but reports and members (see `data`). */
const REFERENCE_INPUTS = [
  "units",
  "criteria",
  "campaigns",
  "reportFields",
  "stories",
] as const satisfies readonly RepositoryName[];

type Versions = Awaited<ReturnType<Store["maintenance"]["versions"]>>;

type ReferenceData = Omit<SummaryData, "reports" | "reportingStarts"> & { units: readonly Unit[] };

/**
 * Reads summary inputs from the store and compiles summaries, reusing work while nothing
 * changed. The store's change signal (`maintenance.versions`, which every instance on a
 * database sees) says whether an input was written since the last read. Reports are many
 * (a province files 104,000 a year) and change one at a time, so they are not read again:
 * the source asks the store for those written since its last look (`reports.changedSince`)
 * and puts them into its index, which shares every untouched week with the last one. The
 * other inputs are small and read whole when their signal moves. Of the members only the
 * hamlet heads count here; any member's message writes the members (their last-seen time)
 * while the reporting starts drawn from the heads rarely change, so those are compared by
 * value.
 */
export class SummarySource {
  private reference: { key: string; data: ReferenceData } | undefined;
  private reports: { version: number | undefined; mark: string; index: ReportIndex } | undefined;
  private starts:
    | {
        members: number | undefined;
        units: readonly Unit[];
        firstReports: ReadonlyMap<string, string>;
        key: string;
        value: ReadonlyMap<string, string>;
      }
    | undefined;
  private heldHeads: HeldHeads | undefined;
  private heldContacts:
    | {
        heads: ReadonlyMap<string, readonly Member[]>;
        tree: UnitTree;
        byScopes: Map<string, HeadContacts>;
      }
    | undefined;
  private readonly compiled = new Map<string, { inputs: readonly unknown[]; summary: Summary }>();

  constructor(private readonly store: Store) {}

  /** The current inputs, as the same objects as last time where nothing changed. */
  async data(): Promise<SummaryData> {
    const versions = await this.store.maintenance.versions();
    const [reference, reports] = await Promise.all([
      this.currentReference(versions),
      this.currentReports(versions),
    ]);
    const { units: _units, ...inputs } = reference;
    return {
      ...inputs,
      reports,
      reportingStarts: await this.currentStarts(versions, reference.units, reports),
    };
  }

  private async currentReference(versions: Versions): Promise<ReferenceData> {
    const key = JSON.stringify(REFERENCE_INPUTS.map((name) => versions[name] ?? 0));
    if (this.reference?.key !== key) this.reference = { key, data: await this.readReference() };
    return this.reference.data;
  }

  /**
   * The index of every current report: the last one while the reports' signal has not moved,
   * else the last one with the reports written since put in. A write landing between the
   * signal and the question is taken in now and merely asked about again next time.
   */
  private async currentReports(versions: Versions): Promise<ReportIndex> {
    const version = versions.reports;
    const held = this.reports;
    // A store that counts no writes (undefined) is asked every time.
    if (held && version !== undefined && held.version === version) return held.index;
    const changes = await this.store.reports.changedSince(held?.mark);
    const index =
      changes.everything || !held
        ? new ReportIndex(changes.reports)
        : held.index.with(changes.reports);
    this.reports = { version, mark: changes.mark, index };
    return index;
  }

  private async currentStarts(
    versions: Versions,
    units: readonly Unit[],
    reports: ReportIndex,
  ): Promise<ReadonlyMap<string, string>> {
    const held = this.starts;
    const firstReports = reports.firstWeeks();
    if (
      held &&
      held.members !== undefined &&
      held.members === versions.members &&
      held.units === units &&
      held.firstReports === firstReports
    ) {
      return held.value;
    }
    const heads = await this.currentHeads(versions.members);
    const fresh = reportingStarts(units, heads.list, firstReports);
    const key = JSON.stringify([...fresh].sort());
    this.starts = {
      members: versions.members,
      units,
      firstReports,
      key,
      value: held?.key === key ? held.value : fresh,
    };
    return this.starts.value;
  }

  /**
   * The active heads of each hamlet (`headsByHamlet`), as the members stand now: the same map
   * again until a head is written. Any member's message writes the members (their last-seen
   * time), so the heads are asked for again then, but only they (2,000 in a province, not
   * 100,000 members), and the map is kept when the store hands back the very same records.
   */
  async heads(): Promise<ReadonlyMap<string, readonly Member[]>> {
    return (await this.currentHeads((await this.store.maintenance.versions()).members)).value;
  }

  /** The heads as read at this members' version: read once for `heads` and the starts. */
  private async currentHeads(version: number | undefined): Promise<HeldHeads> {
    const held = this.heldHeads;
    if (version !== undefined && held?.members === version) return held;
    const list = await this.store.members.listWithRole("hamlet_head");
    const value = held && sameRecords(held.list, list) ? held.value : headsByHamlet(list);
    const current = { members: version, list, value };
    if (version !== undefined) this.heldHeads = current;
    return current;
  }

  /**
   * The heads a summary names beside missing hamlets for this reader (`contactsOfHeads`):
   * the same list again for readers who may call the same heads, until a member or a unit
   * changes. Going through every hamlet's heads and whether the reader covers it took a
   * province's /status 7 ms each time.
   */
  async contacts(reader: Member, tree: UnitTree): Promise<HeadContacts> {
    const heads = await this.heads();
    if (this.heldContacts?.heads !== heads || this.heldContacts.tree !== tree) {
      this.heldContacts = { heads, tree, byScopes: new Map() };
    }
    const { byScopes } = this.heldContacts;
    const key = JSON.stringify(callScopesOf(reader).sort());
    let contacts = byScopes.get(key);
    if (!contacts) {
      contacts = contactsOfHeads(reader, tree, heads);
      if (byScopes.size >= CONTACTS_KEPT) byScopes.delete(byScopes.keys().next().value as string);
      byScopes.set(key, contacts);
    }
    return contacts;
  }

  private async readReference(): Promise<ReferenceData> {
    const { store } = this;
    const [units, criteria, criteriaSets, campaigns, recognitions, reportFields, publishedStories] =
      await Promise.all([
        store.units.list(),
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
    return (await this.currentReference(await this.store.maintenance.versions())).tree;
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

/** True when both lists hold the same records (the same objects), in the same order. */
function sameRecords(held: readonly Member[], list: readonly Member[]): boolean {
  return held.length === list.length && held.every((member, i) => member === list[i]);
}
