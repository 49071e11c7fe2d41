import { localDate } from "../../domain/local-time.js";
import type { HamletReport } from "../../domain/report.js";
import type { Unit } from "../../domain/unit.js";
import type { Outbound } from "../../messaging/outbound.js";
import { unitInlineLabel, unitLabel } from "../../reference/labels.js";
import { formatWeek } from "../../render/format.js";
import type { MemberContext } from "../feature.js";
import type { ProactiveOutbox } from "../proactive-outbox.js";
import { findCriterion, hamletStanding, placedLabel, statusLabel } from "./criteria-progress.js";
import { noticeCriterion, noticeReopened } from "./head-notices.js";
import { reportCard, reportPhotoMessages } from "./report-card.js";
import type { ReviewAction } from "./review-choice.js";
import { hamletOf, isReopenable, type ReviewScope, reopenWeek, scopeFor } from "./review-scope.js";
import { sendVoiceNotes } from "./voice-notes.js";
import { weekListing } from "./week-listing.js";

type ActionOf<K extends ReviewAction["kind"]> = Extract<ReviewAction, { kind: K }>;

/** A report an official may act on: in their scope, and the version their card showed. */
export type ReportLookup =
  | { kind: "found"; scope: ReviewScope; hamlet: Unit; report: HamletReport }
  | { kind: "not-in-scope" }
  | { kind: "missing"; hamlet: Unit }
  | { kind: "replaced"; hamlet: Unit; report: HamletReport };

/** Finds the report a button points to, checking scope and (when given) the version shown. */
export async function lookUpReport(
  ctx: MemberContext,
  action: { week: string; hamlet: string; version?: number },
): Promise<ReportLookup> {
  const scope = await scopeFor(ctx, action.week);
  const hamlet = hamletOf(scope, action.hamlet);
  if (!hamlet) return { kind: "not-in-scope" };
  const report = await ctx.deps.store.reports.get(hamlet.id, action.week);
  if (!report) return { kind: "missing", hamlet };
  if (action.version !== undefined && report.version !== action.version) {
    return { kind: "replaced", hamlet, report };
  }
  return { kind: "found", scope, hamlet, report };
}

/**
 * Answers a press that cannot be applied as it stands (out of scope, gone, or replaced by a
 * newer version): a short notice, and for a replaced report its new card.
 */
export async function explainLookup(
  ctx: MemberContext,
  lookup: Exclude<ReportLookup, { kind: "found" }>,
): Promise<void> {
  const { t } = ctx;
  if (lookup.kind === "not-in-scope") {
    await ctx.reply.acknowledge(t("review:refusal.notInScope"));
    return;
  }
  if (lookup.kind === "missing") {
    await ctx.reply.acknowledge(t("review:refusal.noReport"));
    return;
  }
  await ctx.reply.acknowledge(t("review:refusal.replaced"));
  await ctx.reply.send({
    text: t("review:refusal.replacedLead", { hamlet: unitLabel(t, lookup.hamlet) }),
  });
  await ctx.reply.send(await reportCard(ctx, lookup.report, lookup.hamlet));
}

/** Shows the card of one report, after its evidence photos and the head's voice notes. */
export async function openReport(ctx: MemberContext, action: ActionOf<"open">): Promise<void> {
  const lookup = await lookUpReport(ctx, action);
  if (lookup.kind !== "found") return explainLookup(ctx, lookup);
  await ctx.reply.acknowledge();
  // The photos go first, so the card with its buttons is the message the official acts on.
  for (const photo of await reportPhotoMessages(ctx, lookup.report, lookup.hamlet)) {
    await ctx.reply.send(photo);
  }
  await sendVoiceNotes(ctx, lookup.report, lookup.hamlet);
  await ctx.reply.send(await reportCard(ctx, lookup.report, lookup.hamlet));
}

/** Accepts a submitted report, then shows its card again in place. */
export async function acceptReport(ctx: MemberContext, action: ActionOf<"accept">): Promise<void> {
  const lookup = await lookUpReport(ctx, action);
  if (lookup.kind !== "found") return explainLookup(ctx, lookup);
  const { report, hamlet } = lookup;
  const { t } = ctx;
  if (report.review !== "submitted") {
    await ctx.reply.acknowledge(t("review:refusal.alreadyReviewed"));
    await show(ctx, await reportCard(ctx, report, hamlet));
    return;
  }
  const accepted: HamletReport = {
    ...report,
    review: "accepted",
    reviewedBy: ctx.member.id,
    reviewedAt: ctx.deps.now().toISOString(),
  };
  delete accepted.reviewComment;
  if (!(await ctx.deps.store.reports.save(accepted))) {
    await ctx.reply.acknowledge(t("review:refusal.replaced"));
    return;
  }
  await ctx.reply.acknowledge(t("review:done.accepted"));
  await show(ctx, await reportCard(ctx, accepted, hamlet));
}

/**
 * Confirms (met) or does not confirm (back to unmet) a criterion the report claims, tells the
 * head, and when confirming completes a set, says the hamlet has reached its status.
 */
export async function decideCriterion(
  ctx: MemberContext,
  outbox: ProactiveOutbox,
  action: ActionOf<"criterion">,
): Promise<void> {
  const lookup = await lookUpReport(ctx, action);
  if (lookup.kind !== "found") return explainLookup(ctx, lookup);
  const { report, hamlet } = lookup;
  const { t, deps } = ctx;
  const { store, config } = deps;
  const criterionId = report.criteriaClaimed[action.index];
  const placed = criterionId
    ? findCriterion(await store.criteria.listSets(), criterionId)
    : undefined;
  const status = criterionId
    ? (await store.criteria.statuses(hamlet.id)).find((s) => s.criterionId === criterionId)
    : undefined;
  if (!criterionId || !placed || status?.state !== "claimed") {
    await ctx.reply.acknowledge(t("review:refusal.criterionDecided"));
    await show(ctx, await reportCard(ctx, report, hamlet));
    return;
  }
  const today = localDate(deps.now(), config.timeZone);
  const before = await hamletStanding(store, hamlet.id, today);
  await store.criteria.setStatus({
    unitId: hamlet.id,
    criterionId,
    state: action.confirm ? "met" : "unmet",
    since: today,
    reportId: report.id,
    ...(action.confirm ? { confirmedBy: ctx.member.id } : {}),
  });
  const after = await hamletStanding(store, hamlet.id, today);
  await noticeCriterion(deps, outbox, report, hamlet, placed, action.confirm);
  await ctx.reply.acknowledge(
    t(action.confirm ? "review:done.confirmed" : "review:done.rejected", {
      criterion: placedLabel(t, placed),
    }),
  );
  await show(ctx, await reportCard(ctx, report, hamlet));
  const reached = after.filter((s) => s.meets && !before.find((b) => b.set.id === s.set.id)?.meets);
  for (const standing of reached) {
    await ctx.reply.send({
      text: t("review:done.statusReached", {
        hamlet: unitLabel(t, hamlet),
        status: statusLabel(t, standing.set),
        met: standing.met,
        total: standing.total,
      }),
    });
  }
}

/**
 * Reopens last week, once closed, for a hamlet that has no report that counts, tells its
 * heads (with the "Report now" button), and shows the week's list again in place.
 */
export async function reopenForHamlet(
  ctx: MemberContext,
  outbox: ProactiveOutbox,
  action: ActionOf<"reopen">,
): Promise<void> {
  const { t, deps, locale } = ctx;
  const scope = await scopeFor(ctx, action.week);
  const hamlet = hamletOf(scope, action.hamlet);
  if (!hamlet) {
    await ctx.reply.acknowledge(t("review:refusal.notInScope"));
    return;
  }
  const now = deps.now();
  const report = await deps.store.reports.get(hamlet.id, action.week);
  if (
    !isReopenable(action.week, now, deps.config.timeZone) ||
    (report && report.review !== "returned")
  ) {
    await ctx.reply.acknowledge(t("review:refusal.notReopenable"));
    await show(ctx, await weekListing(ctx, scope, hamlet.parent));
    return;
  }
  const reopened = await reopenWeek(deps.store, hamlet.id, action.week, ctx.member.id, now);
  const heads = reopened ? await noticeReopened(deps, outbox, hamlet, action.week) : [];
  await ctx.reply.acknowledge(t("review:done.reopenedNotice"));
  if (reopened) {
    const params = {
      hamlet: unitInlineLabel(t, locale, hamlet),
      week: formatWeek(locale, action.week),
      heads: heads.map((head) => head.name).join(", "),
    };
    await ctx.reply.send({
      text: t(heads.length > 0 ? "review:done.reopened" : "review:done.reopenedNoHead", params),
    });
  }
  await show(ctx, await weekListing(ctx, scope, hamlet.parent));
}

/** Replaces the pressed message with `message` (or sends it, where there is none to replace). */
export async function show(ctx: MemberContext, message: Outbound): Promise<void> {
  const messageId = ctx.inbound.choice?.messageId;
  if (messageId) await ctx.reply.edit(messageId, message);
  else await ctx.reply.send(message);
}
