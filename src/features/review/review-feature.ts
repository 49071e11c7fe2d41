import { isOfficial } from "../../domain/official-scope.js";
import { weekOf } from "../../domain/week.js";
import { readWeek } from "../../domain/week-input.js";
import type { Feature, MemberContext } from "../feature.js";
import type { DialogEngine } from "../member-dialogs.js";
import type { ProactiveOutbox } from "../proactive-outbox.js";
import { RETURN_FLOW_ID, type ReturnContext } from "./return-flow.js";
import {
  acceptReport,
  decideCriterion,
  explainLookup,
  lookUpReport,
  openReport,
  reopenForHamlet,
} from "./review-actions.js";
import { REVIEW_CHOICE_PREFIX, readReviewData } from "./review-choice.js";
import { defaultReviewWeek, scopeFor } from "./review-scope.js";
import { weekListing } from "./week-listing.js";

/** What the review feature needs besides the member's context. */
export interface ReviewDeps {
  /** Runs the "return with a comment" flow (`reviewReturnFlow` must be one of its flows). */
  engine: DialogEngine;
  /** Tells heads about returned reports, decided criteria and reopened weeks. */
  outbox: ProactiveOutbox;
}

/**
 * Review by officials: `/reports [week]` lists the reports of the hamlets their grants cover;
 * its buttons (`rv:…`) open a report, accept it, return it with a comment, confirm or reject
 * the criteria it claims, reopen a closed week for a missing hamlet. Everything is checked
 * again on each press: the official's scope, the report's version, its state.
 */
export function reviewFeature(services: ReviewDeps): Feature {
  return {
    name: "review",
    commands: { reports: (ctx) => listReports(ctx) },
    choices: { [REVIEW_CHOICE_PREFIX]: (ctx) => pressed(ctx, services) },
  };
}

async function listReports(ctx: MemberContext): Promise<void> {
  const { t, deps } = ctx;
  if (!isOfficial(ctx.member)) {
    await ctx.reply.send({ text: t("review:refusal.notOfficial") });
    return;
  }
  const now = deps.now();
  const timeZone = deps.config.timeZone;
  const typed = ctx.inbound.text?.trim() ?? "";
  const week = typed ? readWeek(typed, now, timeZone) : defaultReviewWeek(now, timeZone);
  if (!week) {
    await ctx.reply.send({ text: t("review:refusal.badWeek", { text: typed }) });
    return;
  }
  if (week > weekOf(now, timeZone)) {
    await ctx.reply.send({ text: t("review:refusal.futureWeek") });
    return;
  }
  await ctx.reply.send(await weekListing(ctx, await scopeFor(ctx, week)));
}

async function pressed(ctx: MemberContext, services: ReviewDeps): Promise<void> {
  const { t } = ctx;
  const action = readReviewData(ctx.inbound.choice?.data ?? "");
  if (!action) {
    await ctx.reply.acknowledge(t("common:error.closed"));
    return;
  }
  if (!isOfficial(ctx.member)) {
    await ctx.reply.acknowledge(t("review:refusal.notOfficial"));
    return;
  }
  switch (action.kind) {
    case "list": {
      await ctx.reply.acknowledge();
      const scope = await scopeFor(ctx, action.week);
      await ctx.reply.send(await weekListing(ctx, scope, action.area));
      return;
    }
    case "open":
      return openReport(ctx, action);
    case "accept":
      return acceptReport(ctx, action);
    case "criterion":
      return decideCriterion(ctx, services.outbox, action);
    case "reopen":
      return reopenForHamlet(ctx, services.outbox, action);
    case "return": {
      const lookup = await lookUpReport(ctx, action);
      if (lookup.kind !== "found") return explainLookup(ctx, lookup);
      await ctx.reply.acknowledge();
      const context: ReturnContext = {
        week: action.week,
        hamlet: lookup.hamlet.id,
        version: action.version,
      };
      // A comment half-written for another report must not be resumed for this one.
      const draft = await services.engine.active(ctx.member.id);
      if (draft?.flow === RETURN_FLOW_ID && !sameTarget(draft.context, context)) {
        await ctx.deps.store.dialogs.delete(ctx.member.id);
      }
      await services.engine.start(ctx, RETURN_FLOW_ID, { ...context });
      return;
    }
  }
}

function sameTarget(stored: Record<string, unknown>, target: ReturnContext): boolean {
  return (
    stored.week === target.week &&
    stored.hamlet === target.hamlet &&
    stored.version === target.version
  );
}
