import type { Campaign, TargetRecognition } from "../campaign.js";
import type { CriteriaSet, CriterionStatus } from "../criteria.js";
import type { Unit } from "../unit.js";
import type { UnitTree } from "../unit-tree.js";
import type { CriteriaStanding } from "./criteria-standing.js";
import type {
  PlanProgress,
  ShareTargetProgress,
  TargetState,
  UnitRef,
  UnitTargetProgress,
} from "./types.js";
import { existsDuring } from "./unit-activity.js";
import { communeSetFor, unitCriteriaProgress } from "./unit-criteria.js";

/**
 * Where a target stands at a date: met when achieved by then; otherwise due while its year
 * has not passed, overdue once it has.
 */
export function targetState(met: boolean, by: number, date: string): TargetState {
  if (met) return "met";
  return Number(date.slice(0, 4)) > by ? "overdue" : "due";
}

/** The hamlets of a list that exist on a date. */
export function hamletsOn(hamlets: readonly Unit[], date: string): Unit[] {
  return hamlets.filter((hamlet) => existsDuring(hamlet, date, date));
}

/** What plan progress is computed from. */
export interface PlanInput {
  campaign: Campaign;
  area: UnitRef;
  tree: UnitTree;
  /** Every hamlet the area covers, existing or not. */
  hamlets: readonly Unit[];
  /** Confirmed criteria as at the standing's date. */
  standing: CriteriaStanding;
  recognitions: readonly TargetRecognition[];
  /** Every recorded criterion state, for the standing of commune and ward targets. */
  criteria?: readonly CriterionStatus[];
  criteriaSets?: readonly CriteriaSet[];
  /** The last day of the period asked about. */
  periodEnd: string;
}

/**
 * Progress against the campaign's targets for the area: the share targets over the area's
 * hamlets, and the targets of each unit the area covers. Once the campaign has ended the
 * standing is its final one (at its last day), labelled as ended, while a target's year is
 * still judged against the period asked about. A unit target not yet recognised carries the
 * unit's confirmed criteria of the commune set, so progress reads "đạt 15/19 tiêu chí".
 */
export function planProgress(input: PlanInput): PlanProgress {
  const { campaign, area, tree, standing, periodEnd } = input;
  const ended = campaign.to < periodEnd;
  const asOf = ended ? campaign.to : periodEnd;
  const present = hamletsOn(input.hamlets, asOf);
  // On the plan's last day its standing is final: a target not met by then is not met.
  const judgedOn =
    periodEnd >= campaign.to ? `${Number(campaign.to.slice(0, 4)) + 1}-01-01` : periodEnd;

  const shares: ShareTargetProgress[] = [];
  const units: UnitTargetProgress[] = [];
  for (const target of campaign.targets) {
    if (target.kind === "share") {
      const set = standing.setFor(target.status);
      const meeting = set ? present.filter((h) => standing.meets(h.id, set)).length : 0;
      const ratio = present.length > 0 ? meeting / present.length : 0;
      const met = present.length > 0 && ratio >= target.share - 1e-9;
      shares.push({
        status: target.status,
        share: target.share,
        by: target.by,
        text: target.text,
        hamlets: present.length,
        meeting,
        ratio,
        state: targetState(met, target.by, judgedOn),
      });
    } else if (tree.covers(area.id, target.unit)) {
      const recognition = input.recognitions
        .filter((r) => r.unitId === target.unit && r.status === target.status)
        .filter((r) => r.date.slice(0, 10) <= asOf)
        .sort((a, b) => a.date.localeCompare(b.date))[0];
      const progress: UnitTargetProgress = {
        unitId: target.unit,
        unitName: tree.get(target.unit)?.name ?? target.unit,
        status: target.status,
        by: target.by,
        text: target.text,
        state: targetState(recognition !== undefined, target.by, judgedOn),
      };
      if (recognition) progress.recognisedOn = recognition.date.slice(0, 10);
      if (recognition?.decision) progress.decision = recognition.decision;
      // Only a commune or ward is judged by a commune set; a city's task is not a criteria count.
      const kind = tree.get(target.unit)?.kind;
      const set =
        kind === "commune" || kind === "ward"
          ? communeSetFor(input.criteriaSets ?? [], target.status)
          : undefined;
      if (!recognition && set) {
        const { met, of, recorded } = unitCriteriaProgress(
          input.criteria ?? [],
          set,
          target.unit,
          asOf,
        );
        progress.criteria = { met, of, recorded };
      }
      units.push(progress);
    }
  }
  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    from: campaign.from,
    to: campaign.to,
    ended,
    asOf,
    shares,
    units,
  };
}
