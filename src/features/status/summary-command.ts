import { weekPeriod } from "../../domain/period.js";
import { previousWeek, weekBounds, weekOf } from "../../domain/week.js";
import { readWeek } from "../../domain/week-input.js";
import { unitInlineLabel } from "../../reference/labels.js";
import { formatPeriod } from "../../render/period-label.js";
import type { MemberContext } from "../feature.js";
import { readerContacts } from "../summaries/reader-contacts.js";
import { summaryMessages } from "../summaries/summary-messages.js";
import { summarySourceOf } from "../summaries/summary-source.js";
import { storedWeekSummary } from "../summaries/weekly-summary.js";
import { statusViewer } from "./status-access.js";

/**
 * `/summary [week]`: the summary of a closed week (the last one by default) for each area the
 * official follows: as it was pushed when it was stored, else compiled now (and stored, so a
 * second ask gets the same). A week still running has none yet.
 */
export async function summaryCommand(ctx: MemberContext): Promise<void> {
  const { deps, t, locale } = ctx;
  const viewer = statusViewer(ctx.member);
  if (!viewer) {
    await ctx.reply.send({ text: t("status:refusal.notOfficial") });
    return;
  }
  const now = deps.now();
  const timeZone = deps.config.timeZone;
  const typed = ctx.inbound.text?.trim() ?? "";
  const week = typed ? readWeek(typed, now, timeZone) : previousWeek(weekOf(now, timeZone));
  if (!week) {
    await ctx.reply.send({ text: t("status:summary.badWeek", { text: typed }) });
    return;
  }
  const tree = await summarySourceOf(deps.store).tree();
  const areas = viewer.scopes.flatMap((id) => tree.get(id) ?? []);
  if (areas.length === 0) {
    await ctx.reply.send({ text: t("status:refusal.noArea") });
    return;
  }
  const closed = weekBounds(week, timeZone).end <= now;
  const contacts = await readerContacts(deps.store, ctx.member, tree);
  for (const area of areas) {
    const stored = closed
      ? await storedWeekSummary(deps, week, area.id)
      : await deps.store.summaries.get(week, area.id);
    if (!stored) {
      await ctx.reply.send({
        text: t("status:summary.none", {
          period: formatPeriod(t, locale, weekPeriod(week)),
          area: unitInlineLabel(t, locale, area),
        }),
      });
      continue;
    }
    for (const message of await summaryMessages(stored.summary, t, locale, contacts)) {
      await ctx.reply.send(message);
    }
  }
}
