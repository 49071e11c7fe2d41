import type { Feature, MemberContext } from "../feature.js";
import type { DialogEngine } from "../member-dialogs.js";
import { headHamlets } from "./head-hamlets.js";
import { listMyReports } from "./my-reports.js";
import { REPORT_FLOW_ID } from "./report-flow.js";

/**
 * The weekly report use case: `/report` (also the "report this week" button) starts or
 * resumes the report flow for a hamlet head; `/myreports` lists their reports. Anyone
 * without a `hamlet_head` grant is told plainly that reports are for hamlet heads.
 */
export function reportFeature(engine: DialogEngine): Feature {
  const refuseUnlessHead = async (ctx: MemberContext): Promise<boolean> => {
    if (headHamlets(ctx.member).length > 0) return false;
    await ctx.reply.send({ text: ctx.t("report:refusal.notHead") });
    return true;
  };
  return {
    name: "reporting",
    commands: {
      report: async (ctx) => {
        if (await refuseUnlessHead(ctx)) return;
        await engine.start(ctx, REPORT_FLOW_ID, {});
      },
      // A former head may still look at what they filed.
      myreports: async (ctx) => {
        const filed = await ctx.deps.store.reports.listByAuthor(ctx.member.id);
        if (filed.length === 0 && (await refuseUnlessHead(ctx))) return;
        await listMyReports(ctx);
      },
    },
  };
}
