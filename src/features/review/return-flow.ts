import type { HamletReport } from "../../domain/report.js";
import { isOpenForHead } from "../../domain/report-window.js";
import type { Unit } from "../../domain/unit.js";
import { unitInlineLabel } from "../../reference/labels.js";
import { formatWeek } from "../../render/format.js";
import type { Flow, FlowEnv } from "../member-dialogs.js";
import type { ProactiveOutbox } from "../proactive-outbox.js";
import { noticeReturned } from "./head-notices.js";
import { lookUpReport } from "./review-actions.js";
import { isReturnable, reopenWeek } from "./review-scope.js";

/** The id of the "return with a comment" flow. */
export const RETURN_FLOW_ID = "review-return";

/** The longest comment an official may write on a returned report. */
export const MAX_COMMENT_LENGTH = 500;

const COMMENT = "comment";

/** Which report the official is returning, as the flow was started: set once, kept in the draft. */
export interface ReturnContext {
  week: string;
  hamlet: string;
  version: number;
}

/** What the return flow works on, loaded afresh for every message. */
export interface ReturnData {
  context: ReturnContext;
  hamlet?: Unit;
  report?: HamletReport;
}

/**
 * Returning a report: one question (the comment for the head), then the report is marked
 * returned (it stops counting until corrected), the week is reopened for the hamlet if it has
 * closed, and the head is told with the comment and a button to correct it.
 */
export function reviewReturnFlow(outbox: ProactiveOutbox): Flow<ReturnData> {
  return {
    id: RETURN_FLOW_ID,
    restart: { key: "review:return.restart" },
    load: async (ctx, context) => {
      const target = context as unknown as ReturnContext;
      const lookup = await lookUpReport(ctx, target);
      return lookup.kind === "found"
        ? { context: target, hamlet: lookup.hamlet, report: lookup.report }
        : { context: target };
    },
    steps: (env) => [
      {
        id: COMMENT,
        prompt: [
          {
            key: "review:return.ask",
            params: {
              hamlet: env.data.hamlet
                ? unitInlineLabel(env.ctx.t, env.ctx.locale, env.data.hamlet)
                : "",
              week: formatWeek(env.ctx.locale, env.data.context.week),
            },
          },
        ],
        input: { kind: "text", maxLength: MAX_COMMENT_LENGTH },
        next: () => ({ end: "finish" }),
      },
    ],
    route: () => COMMENT,
    finish: (env) => returnReport(env, outbox),
  };
}

async function returnReport(env: FlowEnv<ReturnData>, outbox: ProactiveOutbox) {
  const { ctx, data, answers } = env;
  const { deps, t, locale } = ctx;
  const { report, hamlet } = data;
  if (!report || !hamlet || report.review === "returned") {
    return {
      kind: "refused" as const,
      reason: { key: "review:refusal.notReturnable" },
      keepDraft: false,
    };
  }
  const now = deps.now();
  const timeZone = deps.config.timeZone;
  if (!isReturnable(report.week, now, timeZone)) {
    return {
      kind: "refused" as const,
      reason: { key: "review:refusal.notReturnable" },
      keepDraft: false,
    };
  }
  const comment = String(answers[COMMENT] ?? "").trim();
  const returned: HamletReport = {
    ...report,
    review: "returned",
    reviewComment: comment,
    reviewedBy: ctx.member.id,
    reviewedAt: now.toISOString(),
  };
  if (!(await deps.store.reports.save(returned))) {
    return {
      kind: "refused" as const,
      reason: { key: "review:refusal.replaced" },
      keepDraft: false,
    };
  }
  // The head must be able to correct it: a closed week is reopened for this hamlet.
  const reopened = await deps.store.reports.isReopened(hamlet.id, report.week);
  if (isOpenForHead(report.week, now, timeZone, reopened) === "closed") {
    await reopenWeek(deps.store, hamlet.id, report.week, ctx.member.id, now);
  }
  const told = await noticeReturned(deps, outbox, returned, hamlet, comment);
  const params = {
    hamlet: unitInlineLabel(t, locale, hamlet),
    week: formatWeek(locale, report.week),
  };
  return {
    kind: "done" as const,
    message: {
      text: [
        t("review:return.done", params),
        t(told ? "review:return.headTold" : "review:return.headUnreachable"),
      ].join("\n"),
    },
  };
}
