import type { Campaign } from "../campaign.js";
import { type Unit, unitOn } from "../unit.js";
import type { UnitTree } from "../unit-tree.js";
import type { CriteriaStanding } from "./criteria-standing.js";
import { hamletsOn } from "./plan-progress.js";
import { type HamletTally, reportingCounts } from "./tally.js";
import type { PartProgress, PartStanding, UnitRef } from "./types.js";
import { existsDuring } from "./unit-activity.js";

/** The statuses progress is shown for: those the campaign sets share targets on. */
function trackedStatuses(campaign: Campaign | undefined): { status: string; share: number }[] {
  const shares = campaign?.targets.flatMap((t) => (t.kind === "share" ? [t] : [])) ?? [];
  return shares.map((t) => ({ status: t.status, share: t.share }));
}

/** A unit as a summary names it. */
export function unitRef(unit: Unit, namesOn?: string): UnitRef {
  const named = namesOn ? unitOn(unit, namesOn) : unit;
  return {
    id: unit.id,
    name: named.name,
    kind: named.kind,
    ...(unit.names ? { names: unit.names } : {}),
  };
}

/** What the parts are measured on: the hamlets' tallies and the plan's standing in a period. */
export interface PartsOf {
  rows: readonly HamletTally[];
  standing: CriteriaStanding;
  campaign: Campaign | undefined;
  /** The day hamlets are counted as present on (yyyy-mm-dd). */
  asOf: string;
  /** The period's last day: the unit existing then takes a merged unit's hamlets. */
  periodEnd: string;
  /** Hamlets with no head using the assistant yet (default none). */
  noHead?: ReadonlySet<string>;
  /** The day whose names the parts go by (default `periodEnd`). */
  namesOn?: string;
}

/**
 * The area one level down, for the chart and for drilling in: each commune or ward of the
 * city or each hamlet of a commune, with its reporting and its progress towards the tracked
 * statuses. Every hamlet is counted in one part only: a merged commune and its successor
 * ward both cover the same hamlets, so the unit existing at the period's end takes them.
 * Parts left without hamlets are left out; a hamlet area is its own single part. `noHead`
 * are the hamlets with no head using the assistant yet, counted apart in each part.
 */
export function partStandings(tree: UnitTree, area: Unit, of: PartsOf): PartStanding[] {
  const { rows, standing, campaign, asOf, periodEnd } = of;
  const noHead = of.noHead ?? new Set<string>();
  const namesOn = of.namesOn ?? periodEnd;
  const rowsByHamlet = new Map(rows.map((row) => [row.hamlet.id, row]));
  const statuses = trackedStatuses(campaign);
  const parts: PartStanding[] = [];
  // A hamlet has nothing below it: it is shown on its own, with its criteria progress.
  const candidates = area.kind === "hamlet" ? [area] : tree.parts(area.id);
  const claimed = new Set<string>();
  const hamletsOf = new Map<string, Unit[]>();
  const existing = candidates.filter((part) => existsDuring(part, periodEnd, periodEnd));
  for (const part of [...existing, ...candidates.filter((p) => !existing.includes(p))]) {
    const own = tree.hamletsUnder(part.id).filter((h) => !claimed.has(h.id));
    for (const hamlet of own) claimed.add(hamlet.id);
    hamletsOf.set(part.id, own);
  }
  for (const part of candidates) {
    const hamlets = hamletsOf.get(part.id) ?? [];
    if (hamlets.length === 0) continue;
    const partRows = hamlets.flatMap((h) => rowsByHamlet.get(h.id) ?? []);
    const progress: PartProgress[] = [];
    for (const { status, share } of statuses) {
      const set = standing.setFor(status);
      if (!set) continue;
      if (part.kind === "hamlet") {
        const of = set.criteria.length;
        progress.push({ status, meeting: standing.metIn(part.id, set), of, target: 1 });
      } else {
        const present = hamletsOn(hamlets, asOf);
        const meeting = present.filter((h) => standing.meets(h.id, set)).length;
        progress.push({ status, meeting, of: present.length, target: share });
      }
    }
    const counted = hamlets.filter((h) => rowsByHamlet.has(h.id) || noHead.has(h.id));
    parts.push({
      unit: unitRef(part, namesOn),
      reporting: reportingCounts(partRows),
      noHead: counted.filter((h) => noHead.has(h.id)).length,
      hamlets: counted.length,
      progress,
    });
  }
  return parts;
}
