import { type AreaHamlets, groupByCommune } from "../../domain/official-scope.js";
import type { HamletReport } from "../../domain/report.js";
import { counts } from "../../domain/summary/report-index.js";
import type { Unit } from "../../domain/unit.js";
import { addWeeks, type WeekKey, weekDates, weekOf } from "../../domain/week.js";
import type { Choice, Outbound } from "../../messaging/outbound.js";
import { unitInlineLabel, unitLabel, unitListLabels } from "../../reference/labels.js";
import { formatWeek } from "../../render/format.js";
import type { MemberContext } from "../feature.js";
import { summarySourceOf } from "../summaries/summary-source.js";
import { refersTo, reviewData } from "./review-choice.js";
import { isReopenable, type ReviewScope } from "./review-scope.js";

/**
 * The answer to `/reports [week]` and its navigation buttons: for an official over several
 * communes, one line and button per commune; for one commune (or once picked), its hamlets'
 * reports with a button to open each, the hamlets still missing, and for last week once
 * closed, a button to reopen it for a missing hamlet.
 */
export async function weekListing(
  ctx: MemberContext,
  scope: ReviewScope,
  areaRef?: string,
): Promise<Outbound> {
  const { t, locale } = ctx;
  const { week } = scope;
  const weekText = formatWeek(locale, week);
  if (scope.hamlets.length === 0) {
    return { text: t("review:list.empty", { week: weekText }), choices: [navigation(ctx, week)] };
  }
  const reports = new Map(
    (await ctx.deps.store.reports.listWeek(week)).map((report) => [report.hamletId, report]),
  );
  const headed = await hamletsWithHead(ctx, week, reports);
  const groups = groupByCommune(scope.tree, scope.hamlets);
  const picked = areaRef
    ? groups.find((group) => group.area && refersTo(areaRef, group.area.id))
    : groups.length === 1
      ? groups[0]
      : undefined;
  if (!picked) return overview(ctx, week, groups, reports, headed);
  return areaListing(ctx, scope, picked, reports, headed, groups.length > 1);
}

/**
 * The hamlets expected to report this week: their reporting had started by its Sunday (a head
 * using the assistant, or a date an admin set), or a report came in anyway. The others are
 * not counted as missing: there is nobody yet to chase.
 */
async function hamletsWithHead(
  ctx: MemberContext,
  week: WeekKey,
  reports: ReadonlyMap<string, HamletReport>,
): Promise<(hamlet: Unit) => boolean> {
  const { reportingStarts } = await summarySourceOf(ctx.deps.store).data();
  const { sunday } = weekDates(week);
  return (hamlet) => {
    const start = reportingStarts.get(hamlet.id);
    return reports.has(hamlet.id) || (start !== undefined && start <= sunday);
  };
}

function overview(
  ctx: MemberContext,
  week: WeekKey,
  groups: readonly AreaHamlets[],
  reports: ReadonlyMap<string, HamletReport>,
  headed: (hamlet: Unit) => boolean,
): Outbound {
  const { t, locale } = ctx;
  const lines = [t("review:list.overviewTitle", { week: formatWeek(locale, week) })];
  const buttons: Choice[] = [];
  for (const group of groups) {
    const tally = tallyOf(group, reports, headed);
    const area = group.area ? unitLabel(t, group.area) : t("review:list.noArea");
    lines.push(
      t(tally.pending > 0 ? "review:list.areaLinePending" : "review:list.areaLine", {
        area,
        ...tally,
        noHead: tally.noHead > 0 ? t("review:list.noHeadAreaPart", { count: tally.noHead }) : "",
      }),
    );
    if (group.area) {
      buttons.push({
        data: reviewData({ kind: "list", week, area: group.area.id }),
        label: t("review:list.areaButton", { area, ...tally }),
      });
    }
  }
  return {
    text: lines.join("\n"),
    choices: [...pairs(buttons), navigation(ctx, week)],
    choiceMode: "single",
  };
}

async function areaListing(
  ctx: MemberContext,
  scope: ReviewScope,
  group: AreaHamlets,
  reports: ReadonlyMap<string, HamletReport>,
  headed: (hamlet: Unit) => boolean,
  severalAreas: boolean,
): Promise<Outbound> {
  const { t, locale, deps } = ctx;
  const { week } = scope;
  const tally = tallyOf(group, reports, headed);
  const lines = [
    group.area
      ? t("review:list.areaTitle", {
          week: formatWeek(locale, week),
          area: unitLabel(t, group.area),
        })
      : t("review:list.overviewTitle", { week: formatWeek(locale, week) }),
    t("review:list.tally", {
      ...tally,
      noHead: tally.noHead > 0 ? t("review:list.noHeadTallyPart", { count: tally.noHead }) : "",
    }),
  ];
  const open: Choice[] = [];
  const reopen: Choice[] = [];
  const missing: Array<{ hamlet: Unit; reopened: boolean }> = [];
  const noHead: Array<{ hamlet: Unit; reopened: boolean }> = [];
  const reopenable = isReopenable(week, deps.now(), deps.config.timeZone);
  for (const hamlet of group.hamlets) {
    const report = reports.get(hamlet.id);
    const name = unitLabel(t, hamlet);
    if (!report) {
      const reopened = await deps.store.reports.isReopened(hamlet.id, week);
      (headed(hamlet) ? missing : noHead).push({ hamlet, reopened });
      if (reopenable && !reopened) {
        reopen.push({
          data: reviewData({ kind: "reopen", week, hamlet: hamlet.id }),
          label: t("review:list.reopenButton", {
            hamlet: unitInlineLabel(t, locale, hamlet),
          }),
        });
      }
      continue;
    }
    lines.push(
      t("review:list.reportLine", {
        hamlet: name,
        state: t(`review:state.${report.review}`),
        late: report.late ? t("review:list.late") : "",
      }),
    );
    open.push({ data: reviewData({ kind: "open", week, hamlet: hamlet.id }), label: name });
  }
  // Listed inside a sentence: "Chưa báo cáo: xóm Đà Quận, Nà Cạn (đã mở lại)."
  const listed = (owing: Array<{ hamlet: Unit; reopened: boolean }>) => {
    const labels = unitListLabels(
      t,
      locale,
      owing.map((o) => o.hamlet),
    );
    return owing
      .map((o, i) =>
        o.reopened ? t("review:list.reopenedHamlet", { hamlet: labels[i] }) : (labels[i] ?? ""),
      )
      .join(", ");
  };
  if (missing.length > 0) lines.push(t("review:list.missing", { hamlets: listed(missing) }));
  if (noHead.length > 0) lines.push(t("review:list.noHead", { hamlets: listed(noHead) }));
  if (open.length > 0) lines.push(t("review:list.pick"));
  const back: Choice[] = severalAreas
    ? [{ data: reviewData({ kind: "list", week }), label: t("review:list.allAreas") }]
    : [];
  return {
    text: lines.join("\n"),
    choices: [
      ...pairs(open),
      ...reopen.map((c) => [c]),
      [...back, ...navigation(ctx, week, group)],
    ],
    choiceMode: "single",
  };
}

/**
 * Counts of one commune's week: hamlets expected to report (`total`), reports that count,
 * those awaiting review, returned, and hamlets with no head using the assistant yet, kept
 * out of `total` so that "1/3" reads as one of the three hamlets that could report.
 */
function tallyOf(
  group: AreaHamlets,
  reports: ReadonlyMap<string, HamletReport>,
  headed: (hamlet: Unit) => boolean,
) {
  let total = 0;
  let reported = 0;
  let pending = 0;
  let returned = 0;
  for (const hamlet of group.hamlets) {
    if (!headed(hamlet)) continue;
    total++;
    const report = reports.get(hamlet.id);
    if (counts(report)) reported++;
    if (report?.review === "submitted") pending++;
    if (report?.review === "returned") returned++;
  }
  return { total, reported, pending, returned, noHead: group.hamlets.length - total };
}

/** Buttons to the week before and, unless it is the current one, the week after. */
function navigation(ctx: MemberContext, week: WeekKey, group?: AreaHamlets): Choice[] {
  const { t } = ctx;
  const area = group?.area?.id;
  const at = (w: WeekKey) => reviewData({ kind: "list", week: w, ...(area ? { area } : {}) });
  const buttons: Choice[] = [
    { data: at(addWeeks(week, -1)), label: t("review:list.previousWeek") },
  ];
  if (week < weekOf(ctx.deps.now(), ctx.deps.config.timeZone)) {
    buttons.push({ data: at(addWeeks(week, 1)), label: t("review:list.nextWeek") });
  }
  return buttons;
}

function pairs(choices: readonly Choice[]): Choice[][] {
  const rows: Choice[][] = [];
  for (let i = 0; i < choices.length; i += 2) rows.push(choices.slice(i, i + 2));
  return rows;
}
