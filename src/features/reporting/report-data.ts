import type { Answers } from "../../dialog/flow.js";
import type { Criterion, CriterionStatus } from "../../domain/criteria.js";
import { type HamletReport, reportId } from "../../domain/report.js";
import type { ReportFields } from "../../domain/report-fields.js";
import { isOpenForHead, reportWindow } from "../../domain/report-window.js";
import type { Unit } from "../../domain/unit.js";
import { previousWeek, type WeekKey } from "../../domain/week.js";
import type { Store } from "../../store/store.js";
import type { MemberContext } from "../feature.js";
import { headHamlets } from "./head-hamlets.js";

/** A week the head may pick: this week, last week while it is late, or last week reopened. */
export interface WeekOption {
  week: WeekKey;
  kind: "current" | "late" | "reopened";
}

/** What the report flow's steps are built from, loaded afresh for every message. */
export interface ReportData {
  timeZone: string;
  /** The hamlets the member heads (from their grants, never from a message). */
  hamlets: Unit[];
  fields: ReportFields;
  /** The hamlet this report is for, once known. */
  hamlet?: Unit;
  /** Weeks open to the head now, for the hamlet. */
  weeks: WeekOption[];
  /** The week this report is for, once known. */
  week?: WeekKey;
  /** Whether the week would be taken late if submitted now. */
  late: boolean;
  /** Criteria of the hamlet not met yet (or claimed by this very report), to pick from. */
  unmetCriteria: Criterion[];
  /** The counted report this one would replace. */
  existing?: HamletReport;
  /** Whether the head's channel hands voice notes to the bot (absent: it does not). */
  takesVoice?: boolean;
}

/** Loads the report flow's data for a member and the answers so far. */
export async function loadReportData(ctx: MemberContext, answers: Answers): Promise<ReportData> {
  const { store, config } = ctx.deps;
  const timeZone = config.timeZone;
  const now = ctx.deps.now();
  const units = await Promise.all(headHamlets(ctx.member).map((id) => store.units.get(id)));
  const hamlets = units.filter((u): u is Unit => u?.active === true);
  const fields = await store.reportFields.get();
  const hamlet =
    hamlets.find((h) => h.id === answers.hamlet) ?? (hamlets.length === 1 ? hamlets[0] : undefined);
  const base: ReportData = {
    timeZone,
    hamlets,
    fields,
    weeks: [],
    late: false,
    unmetCriteria: [],
    takesVoice: ctx.deps.audioReceived?.[ctx.inbound.channel] === true,
  };
  if (!hamlet) return base;

  const window = reportWindow(now, timeZone);
  const weeks: WeekOption[] = [];
  if (window.lateWeek) weeks.push({ week: window.lateWeek, kind: "late" });
  else if (await store.reports.isReopened(hamlet.id, previousWeek(window.current))) {
    weeks.push({ week: previousWeek(window.current), kind: "reopened" });
  }
  weeks.push({ week: window.current, kind: "current" });
  const chosen = typeof answers.week === "string" ? answers.week : undefined;
  const week = chosen ?? (weeks.length === 1 ? weeks[0]?.week : undefined);
  if (!week) return { ...base, hamlet, weeks };

  const reopened = await store.reports.isReopened(hamlet.id, week);
  const existing = await store.reports.get(hamlet.id, week);
  return {
    ...base,
    hamlet,
    weeks,
    week,
    late: isOpenForHead(week, now, timeZone, reopened) === "late",
    unmetCriteria: await openCriteria(store, hamlet.id, reportId(hamlet.id, week)),
    ...(existing ? { existing } : {}),
  };
}

/**
 * The hamlet-level criteria a head may claim: those not met or claimed yet (or claimed by
 * this same report, which a new version may claim again), skipping a set whose prerequisite
 * set (the model set needs the NTM set) is not fully met or claimed.
 */
async function openCriteria(
  store: Store,
  hamletId: string,
  thisReport: string,
): Promise<Criterion[]> {
  const sets = (await store.criteria.listSets()).filter((s) => s.active && s.level === "hamlet");
  const states = new Map<string, CriterionStatus>(
    (await store.criteria.statuses(hamletId)).map((s) => [s.criterionId, s]),
  );
  const reached = (c: Criterion) => {
    const state = states.get(c.id)?.state;
    return state === "met" || state === "claimed";
  };
  const isOpen = (c: Criterion) => {
    const status = states.get(c.id);
    return !reached(c) || (status?.state === "claimed" && status.reportId === thisReport);
  };
  const open: Criterion[] = [];
  for (const set of sets) {
    const required = sets.find((s) => s.id === set.requires);
    if (set.requires && !required?.criteria.every(reached)) continue;
    open.push(...set.criteria.filter(isOpen));
  }
  return open;
}
