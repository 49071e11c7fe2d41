import type { HamletReport } from "../../domain/report.js";
import type { Outbound } from "../../messaging/outbound.js";
import { unitLabel } from "../../reference/labels.js";
import { formatWeek } from "../../render/format.js";
import type { MemberContext } from "../feature.js";
import { reportButton } from "./report-button.js";

/** How many reports `/myreports` lists, newest first. */
export const MY_REPORTS_SHOWN = 10;

/** `/myreports`: the head's reports, newest week first, each with its receipt and review state. */
export async function listMyReports(ctx: MemberContext): Promise<void> {
  const { t, locale, deps } = ctx;
  const reports = (await deps.store.reports.listByAuthor(ctx.member.id))
    .sort((a, b) =>
      a.week === b.week ? a.hamletId.localeCompare(b.hamletId) : b.week.localeCompare(a.week),
    )
    .slice(0, MY_REPORTS_SHOWN);
  const button = [[reportButton(t)]];
  if (reports.length === 0) {
    await ctx.reply.send({ text: t("report:mine.none"), choices: button, choiceMode: "single" });
    return;
  }
  const lines = [t("report:mine.title")];
  for (const report of reports) {
    const hamlet = await deps.store.units.get(report.hamletId);
    lines.push(
      t("report:mine.line", {
        week: formatWeek(locale, report.week),
        hamlet: hamlet ? unitLabel(t, hamlet) : report.hamletId,
        receipt: report.receipt,
        state: stateText(ctx, report),
      }),
    );
  }
  const message: Outbound = { text: lines.join("\n"), choices: button, choiceMode: "single" };
  await ctx.reply.send(message);
}

function stateText({ t }: MemberContext, report: HamletReport): string {
  const parts = [
    report.review === "returned" && report.reviewComment
      ? t("report:mine.state.returnedWithComment", { comment: report.reviewComment })
      : t(`report:mine.state.${report.review}`),
  ];
  if (report.late) parts.push(t("report:mine.late"));
  if (report.version > 0) parts.push(t("report:mine.versions", { count: report.version + 1 }));
  return parts.join(", ");
}
