import { weekPeriod } from "../../domain/period.js";
import type { Summary } from "../../domain/summary/index.js";
import { parentsEver, type Unit } from "../../domain/unit.js";
import type { UnitTree } from "../../domain/unit-tree.js";
import { addWeeks, previousWeek, type WeekKey, weekOf } from "../../domain/week.js";
import type { Choice } from "../../messaging/outbound.js";
import { unitInlineLabel, unitLabel } from "../../reference/labels.js";
import { formatPeriod } from "../../render/period-label.js";
import { titleLine } from "../../render/summary-lines.js";
import { renderStatusText } from "../../render/summary-text.js";
import type { MemberContext } from "../feature.js";
import { readerContacts } from "../summaries/reader-contacts.js";
import { chartMessage, sheetMessage } from "../summaries/summary-messages.js";
import { summarySourceOf } from "../summaries/summary-source.js";
import { hamletDetailLines } from "./hamlet-detail.js";
import { mayView, type StatusViewer } from "./status-access.js";
import { statusChoiceData } from "./status-choices.js";

/** Buttons per row in the list of parts to drill into. */
const PARTS_PER_ROW = 2;

/**
 * Answers /status for a unit and week the viewer may see: the short text (for a hamlet, its
 * last reports and criteria too), then the chart with the buttons under it: drill down, up,
 * previous and next week, spreadsheet.
 */
export async function sendStatus(
  ctx: MemberContext,
  viewer: StatusViewer,
  unitId: string,
  week: WeekKey,
): Promise<void> {
  const { deps, t, locale } = ctx;
  const now = deps.now();
  const timeZone = deps.config.timeZone;
  const source = summarySourceOf(deps.store);
  const data = await source.data();
  const summary = await source.compile(unitId, weekPeriod(week), now, timeZone, data);
  const contacts = await readerContacts(deps.store, ctx.member, data.tree);
  const lines = [renderStatusText(summary, t, locale, contacts)];
  if (summary.area.kind === "hamlet") {
    lines.push("", ...hamletDetailLines(unitId, week, data, t, locale));
  }
  const choices = statusChoices(ctx, viewer, data.tree, summary, week, weekOf(now, timeZone));
  // The chart is drawn while the text, ready well before it, is on its way.
  const chart = chartMessage(summary, t, locale, choices);
  // Its failure is the answer's, thrown where it is awaited below, not an unhandled one.
  chart.catch(() => undefined);
  await ctx.reply.send({ text: lines.join("\n"), bold: [titleLine(summary, t, locale)] });
  await ctx.reply.send(await chart);
}

function statusChoices(
  ctx: MemberContext,
  viewer: StatusViewer,
  tree: UnitTree,
  summary: Summary,
  week: WeekKey,
  currentWeek: WeekKey,
): Choice[][] {
  const { t, locale } = ctx;
  const area = summary.area;
  const rows: Choice[][] = [];
  const moves: Choice[] = [];
  if (area.kind !== "hamlet" && summary.parts.length > 0) {
    const label =
      area.kind === "city" || area.kind === "province"
        ? "status:button.communes"
        : "status:button.hamlets";
    moves.push({ data: statusChoiceData("parts", area.id, week), label: t(label) });
  }
  const parent = upFrom(tree, area.id, (id) => mayView(viewer, tree, id));
  if (parent) {
    moves.push({
      data: statusChoiceData("show", parent.id, week),
      label: t("status:button.up", { area: unitInlineLabel(t, locale, parent) }),
    });
  }
  if (moves.length > 0) rows.push(moves);
  const weeks: Choice[] = [
    {
      data: statusChoiceData("show", area.id, previousWeek(week)),
      label: t("status:button.previousWeek"),
    },
  ];
  if (week < currentWeek) {
    weeks.push({
      data: statusChoiceData("show", area.id, addWeeks(week, 1)),
      label: t("status:button.nextWeek"),
    });
  }
  rows.push(weeks);
  rows.push([{ data: statusChoiceData("sheet", area.id, week), label: t("status:button.sheet") }]);
  return rows;
}

/** The unit one level up to look at: a hamlet's commune, a commune's city. */
/**
 * The unit one level up that the viewer may see: today's parent, else an earlier one (an
 * official of a former commune still goes back up to it from its hamlets).
 */
function upFrom(
  tree: UnitTree,
  unitId: string,
  visible: (unitId: string) => boolean,
): Unit | undefined {
  const unit = tree.get(unitId);
  const ids = unit ? parentsEver(unit) : [];
  const id = ids.find(visible);
  return id ? tree.get(id) : undefined;
}

/** The list of a unit's communes or hamlets, each a button to its own /status. */
export async function sendParts(ctx: MemberContext, unitId: string, week: WeekKey): Promise<void> {
  const { deps, t, locale } = ctx;
  const source = summarySourceOf(deps.store);
  const summary = await source.compile(unitId, weekPeriod(week), deps.now(), deps.config.timeZone);
  const buttons: Choice[] = summary.parts.map((part) => ({
    data: statusChoiceData("show", part.unit.id, week),
    label: t("status:parts.label", {
      name: unitLabel(t, part.unit),
      reported: part.reporting.reported,
      expected: part.reporting.expected,
    }),
  }));
  const rows: Choice[][] = [];
  for (let i = 0; i < buttons.length; i += PARTS_PER_ROW) {
    rows.push(buttons.slice(i, i + PARTS_PER_ROW));
  }
  const key =
    summary.area.kind === "city" || summary.area.kind === "province"
      ? "status:parts.communes"
      : "status:parts.hamlets";
  await ctx.reply.send({
    text: t(key, {
      area: unitInlineLabel(t, locale, summary.area),
      period: formatPeriod(t, locale, summary.period),
    }),
    choices: rows,
    choiceMode: "single",
  });
}

/** The week's spreadsheet of a unit, as a document. */
export async function sendSheet(ctx: MemberContext, unitId: string, week: WeekKey): Promise<void> {
  const { deps, t, locale } = ctx;
  const source = summarySourceOf(deps.store);
  const summary = await source.compile(unitId, weekPeriod(week), deps.now(), deps.config.timeZone);
  const contacts = await readerContacts(deps.store, ctx.member, await source.tree());
  await ctx.reply.send(await sheetMessage(summary, t, locale, contacts));
}
