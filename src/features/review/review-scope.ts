import { hamletsInScope } from "../../domain/official-scope.js";
import { lateDeadline, reportWindow } from "../../domain/report-window.js";
import type { Unit } from "../../domain/unit.js";
import { UnitTree } from "../../domain/unit-tree.js";
import { previousWeek, type WeekKey, weekOf } from "../../domain/week.js";
import type { Store } from "../../store/store.js";
import type { MemberContext } from "../feature.js";
import { refersTo } from "./review-choice.js";

/** What an official oversees in a week: the unit tree and their hamlets that existed then. */
export interface ReviewScope {
  tree: UnitTree;
  week: WeekKey;
  hamlets: Unit[];
}

/** Loads the official's scope for a week. */
export async function scopeFor(ctx: MemberContext, week: WeekKey): Promise<ReviewScope> {
  const tree = new UnitTree(await ctx.deps.store.units.list());
  return { tree, week, hamlets: hamletsInScope(tree, ctx.member, week) };
}

/** The hamlet of the scope a button refers to; undefined when it is not (or no longer) theirs. */
export function hamletOf(scope: ReviewScope, ref: string): Unit | undefined {
  return scope.hamlets.find((hamlet) => refersTo(ref, hamlet.id));
}

/**
 * The week `/reports` shows when none is named: last week until it closes on Monday at noon
 * (officials review on Monday morning), else this week.
 */
export function defaultReviewWeek(now: Date, timeZone: string): WeekKey {
  const window = reportWindow(now, timeZone);
  return window.lateWeek ?? window.current;
}

/**
 * True when a report for the week can still be returned for correction: this week, or last
 * week (the report flow offers last week to the head when it is open or reopened).
 */
export function isReturnable(week: WeekKey, now: Date, timeZone: string): boolean {
  const current = weekOf(now, timeZone);
  return week === current || week === previousWeek(current);
}

/**
 * True when the week has closed for heads but the report flow would still offer it if an
 * official reopened it: last week, after Monday noon.
 */
export function isReopenable(week: WeekKey, now: Date, timeZone: string): boolean {
  return week === previousWeek(weekOf(now, timeZone)) && now >= lateDeadline(week, timeZone);
}

/** Reopens the week for the hamlet unless it already is; true when this call reopened it. */
export async function reopenWeek(
  store: Pick<Store, "reports">,
  hamletId: string,
  week: WeekKey,
  by: string,
  at: Date,
): Promise<boolean> {
  if (await store.reports.isReopened(hamletId, week)) return false;
  await store.reports.reopen(hamletId, week, by, at.toISOString());
  return true;
}
