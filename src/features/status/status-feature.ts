import { localDate } from "../../domain/local-time.js";
import { reportWindow } from "../../domain/report-window.js";
import type { Unit } from "../../domain/unit.js";
import type { UnitTree } from "../../domain/unit-tree.js";
import type { Choice } from "../../messaging/outbound.js";
import { unitInlineLabel, unitLabel } from "../../reference/labels.js";
import type { Feature, MemberContext } from "../feature.js";
import { summarySourceOf } from "../summaries/summary-source.js";
import { findArea, nameKey } from "./area-names.js";
import { homeArea, mayView, type StatusViewer, statusViewer } from "./status-access.js";
import { sendParts, sendSheet, sendStatus } from "./status-answer.js";
import { readStatusChoice, STATUS_PREFIX, statusChoiceData } from "./status-choices.js";
import { summaryCommand } from "./summary-command.js";

/** `/status [area]`: the week so far for the official's area, or for a unit they name. */
async function status(ctx: MemberContext): Promise<void> {
  const { deps, t } = ctx;
  const viewer = statusViewer(ctx.member);
  if (!viewer) {
    await ctx.reply.send({ text: t("status:refusal.notOfficial") });
    return;
  }
  const tree = await summarySourceOf(deps.store).tree();
  const now = deps.now();
  // Until Monday noon last week is still taking late reports, and is the one people ask about.
  const window = reportWindow(now, deps.config.timeZone);
  const week = window.lateWeek ?? window.current;
  const typed = ctx.inbound.text?.trim() ?? "";
  if (typed === "") {
    const home = homeArea(viewer, tree);
    if (!home) {
      await ctx.reply.send({ text: t("status:refusal.noArea") });
      return;
    }
    await sendStatus(ctx, viewer, home, week);
    return;
  }
  const visible = (unitId: string) => mayView(viewer, tree, unitId);
  const lookup = findArea(typed, tree, { today: localDate(now, deps.config.timeZone), visible });
  if (lookup.kind === "found") {
    if (!visible(lookup.unit.id)) {
      await ctx.reply.send({
        text: t("status:refusal.outside", { area: unitLabel(t, lookup.unit) }),
      });
      return;
    }
    await sendStatus(ctx, viewer, lookup.unit.id, week);
    return;
  }
  if (lookup.kind === "ambiguous") {
    const seen = lookup.units.filter((unit) => visible(unit.id));
    const [first] = lookup.units;
    if (seen.length === 0 && first) {
      await ctx.reply.send({ text: t("status:refusal.outside", { area: unitLabel(t, first) }) });
      return;
    }
    await ctx.reply.send({
      text: t("status:ambiguous", { text: typed }),
      choices: unitChoices(ctx, tree, seen, week),
      choiceMode: "single",
    });
    return;
  }
  if (lookup.suggestions.length > 0) {
    await ctx.reply.send({
      text: t("status:unknown.suggest", { text: typed }),
      choices: unitChoices(ctx, tree, lookup.suggestions, week),
      choiceMode: "single",
    });
    return;
  }
  const home = homeArea(viewer, tree);
  const homeUnit = home ? tree.get(home) : undefined;
  await ctx.reply.send({
    text: t("status:unknown.none", {
      text: typed,
      example: homeUnit ? nameKey(homeUnit.name).key : "hung dao",
    }),
  });
}

/** One button per unit, named with the unit it lies in so that namesakes are told apart. */
function unitChoices(
  ctx: MemberContext,
  tree: UnitTree,
  units: readonly Unit[],
  week: string,
): Choice[][] {
  return units.map((unit) => {
    const parent = unit.parent ? tree.get(unit.parent) : undefined;
    const name = unitLabel(ctx.t, unit);
    return [
      {
        data: statusChoiceData("show", unit.id, week),
        label: parent
          ? ctx.t("status:choiceLabel", {
              name,
              parent: unitInlineLabel(ctx.t, ctx.locale, parent),
            })
          : name,
      },
    ];
  });
}

/**
 * A /status button: re-checks, on every press, that the member is an official or admin and
 * may see the unit the button names, since button data can be forged or outlive a grant.
 */
async function statusChoice(ctx: MemberContext): Promise<void> {
  const { deps, t } = ctx;
  await ctx.reply.acknowledge();
  const viewer: StatusViewer | undefined = statusViewer(ctx.member);
  if (!viewer) {
    await ctx.reply.send({ text: t("status:refusal.notOfficial") });
    return;
  }
  const tree = await summarySourceOf(deps.store).tree();
  const choice = readStatusChoice(ctx.inbound.choice?.data ?? "", tree);
  if (!choice) {
    await ctx.reply.send({ text: t("status:refusal.stale") });
    return;
  }
  if (!mayView(viewer, tree, choice.unitId)) {
    const unit = tree.get(choice.unitId);
    await ctx.reply.send({
      text: t("status:refusal.outside", { area: unit ? unitLabel(t, unit) : choice.unitId }),
    });
    return;
  }
  if (choice.action === "parts") return sendParts(ctx, choice.unitId, choice.week);
  if (choice.action === "sheet") return sendSheet(ctx, choice.unitId, choice.week);
  return sendStatus(ctx, viewer, choice.unitId, choice.week);
}

/** `/status`, `/summary` and the buttons under the status chart, for officials and admins. */
export function statusFeature(): Feature {
  return {
    name: "status",
    commands: { status, summary: summaryCommand },
    choices: { [STATUS_PREFIX]: statusChoice },
  };
}
