import { localDate, localTime, pad } from "../../domain/local-time.js";
import type { HamletReport } from "../../domain/report.js";
import type { Unit } from "../../domain/unit.js";
import type { Choice, Outbound } from "../../messaging/outbound.js";
import {
  criterionLabel,
  fieldLabel,
  fieldUnitLabel,
  groupLabel,
  unitInlineLabel,
} from "../../reference/labels.js";
import { formatDate, formatNumber, formatWeek } from "../../render/format.js";
import type { MemberContext } from "../feature.js";
import { keptPhoto } from "../kept-photos.js";
import {
  findCriterion,
  hamletStanding,
  type PlacedCriterion,
  placedLabel,
  standingLines,
} from "./criteria-progress.js";
import { reviewData } from "./review-choice.js";
import { isReturnable } from "./review-scope.js";
import { voiceNoteLine } from "./voice-notes.js";

/** A criterion the report claims, where it stands now, and its position in the claim list. */
interface ClaimLine {
  index: number;
  placed: PlacedCriterion;
  state: "unmet" | "claimed" | "met";
}

/**
 * One report as an official reviews it: who sent it and when, every value with its unit, the
 * criteria it claims and where they stand, the good deed, difficulties, photos, voice notes,
 * its review state, the hamlet's criteria standing; then the buttons the state allows (accept, return,
 * confirm or not each claimed criterion) and the way back to the week.
 */
export async function reportCard(
  ctx: MemberContext,
  report: HamletReport,
  hamlet: Unit,
): Promise<Outbound> {
  const { t, locale, deps } = ctx;
  const { store, config } = deps;
  const [author, fields, sets, statuses] = await Promise.all([
    store.members.get(report.authorId),
    store.reportFields.get(),
    store.criteria.listSets(),
    store.criteria.statuses(hamlet.id),
  ]);
  const hamletName = unitInlineLabel(t, locale, hamlet);
  const submitted = new Date(report.submittedAt);
  const clock = localTime(submitted, config.timeZone);
  const lines = [
    t("review:card.title", { week: formatWeek(locale, report.week), hamlet: hamletName }),
    t(report.late ? "review:card.sentLate" : "review:card.sent", {
      receipt: report.receipt,
      time: `${pad(clock.hour)}:${pad(clock.minute)}`,
      date: formatDate(locale, localDate(submitted, config.timeZone)),
      author: author?.name ?? t("review:card.unknownAuthor"),
    }),
  ];
  const groups = fields.groups.filter((group) => report.groups.includes(group.id));
  lines.push(
    groups.length > 0
      ? t("review:card.groups", { groups: groups.map((g) => groupLabel(t, g)).join(", ") })
      : t("review:card.noGroups"),
  );
  for (const group of fields.groups) {
    for (const field of group.fields) {
      const value = report.values[field.id];
      if (value === undefined) continue;
      lines.push(
        t("review:card.value", {
          label: fieldLabel(t, field),
          value: `${formatNumber(locale, value, 2)} ${fieldUnitLabel(t, field)}`,
        }),
      );
    }
  }

  const stateOf = new Map(statuses.map((s) => [s.criterionId, s.state]));
  const claims: ClaimLine[] = [];
  report.criteriaClaimed.forEach((id, index) => {
    const placed = findCriterion(sets, id);
    if (placed) claims.push({ index, placed, state: stateOf.get(id) ?? "unmet" });
  });
  if (claims.length > 0) {
    lines.push(t("review:card.claims"));
    for (const claim of claims) {
      lines.push(
        t("review:card.claim", {
          criterion: placedLabel(t, claim.placed),
          state: t(`review:criterion.state.${claim.state}`),
        }),
      );
    }
  }
  if (report.goodDeed) {
    lines.push(t("review:card.goodDeed", { text: report.goodDeed.text }));
    lines.push(
      t(report.goodDeed.consent ? "review:card.consentGiven" : "review:card.consentMissing"),
    );
  }
  if (report.difficulties) lines.push(t("review:card.difficulties", { text: report.difficulties }));
  const photos = report.photos.length + (report.goodDeed?.photo ? 1 : 0);
  if (photos > 0) lines.push(t("review:card.photos", { count: photos }));
  const voice = voiceNoteLine(ctx, report, author);
  if (voice) lines.push(voice);
  lines.push(reviewStateLine(ctx, report));
  lines.push(
    ...standingLines(
      t,
      await hamletStanding(store, hamlet.id, localDate(deps.now(), config.timeZone)),
    ),
  );
  return { text: lines.join("\n"), choices: cardButtons(ctx, report, hamlet, claims) };
}

/**
 * The report's evidence photos (then the good deed's) as messages to send with its card, each
 * captioned with the report it belongs to. A photo whose file is gone is left out and logged:
 * the card still says how many were sent. The channel sends each its own way (Zalo by link).
 */
export async function reportPhotoMessages(
  ctx: MemberContext,
  report: HamletReport,
  hamlet: Unit,
): Promise<Outbound[]> {
  const { t, locale, deps } = ctx;
  const photos = [...report.photos, ...(report.goodDeed?.photo ? [report.goodDeed.photo] : [])];
  const messages: Outbound[] = [];
  for (const [i, photo] of photos.entries()) {
    const file = await keptPhoto(deps.store.files, photo).catch(() => undefined);
    if (!file) {
      deps.logger.warn({ reportId: report.id, photo: i + 1 }, "a report's photo is gone");
      continue;
    }
    const caption = t("review:card.photoCaption", {
      n: i + 1,
      count: photos.length,
      hamlet: unitInlineLabel(t, locale, hamlet),
      week: formatWeek(locale, report.week),
    });
    messages.push({ text: caption, file });
  }
  return messages;
}

function reviewStateLine(ctx: MemberContext, report: HamletReport): string {
  const { t } = ctx;
  if (report.review === "returned") {
    return t("review:card.stateReturned", { comment: report.reviewComment ?? "" });
  }
  return t("review:card.state", { state: t(`review:state.${report.review}`) });
}

function cardButtons(
  ctx: MemberContext,
  report: HamletReport,
  hamlet: Unit,
  claims: readonly ClaimLine[],
): Choice[][] {
  const { t, deps } = ctx;
  const ref = { week: report.week, hamlet: hamlet.id, version: report.version };
  const rows: Choice[][] = [];
  const decide: Choice[] = [];
  if (report.review === "submitted") {
    decide.push({ data: reviewData({ kind: "accept", ...ref }), label: t("review:card.accept") });
  }
  if (report.review !== "returned" && isReturnable(report.week, deps.now(), deps.config.timeZone)) {
    decide.push({ data: reviewData({ kind: "return", ...ref }), label: t("review:card.return") });
  }
  if (decide.length > 0) rows.push(decide);
  const pending = claims.filter((claim) => claim.state === "claimed");
  const shortName = (claim: ClaimLine) => criterionLabel(t, claim.placed.criterion);
  for (const claim of pending) {
    // Two sets may name a criterion alike ("Giao thông"): then the set is named too.
    const alike = pending.filter((other) => shortName(other) === shortName(claim)).length > 1;
    const criterion = alike ? placedLabel(t, claim.placed) : shortName(claim);
    rows.push([
      {
        data: reviewData({ kind: "criterion", ...ref, index: claim.index, confirm: true }),
        label: t("review:card.confirm", { criterion }),
      },
      {
        data: reviewData({ kind: "criterion", ...ref, index: claim.index, confirm: false }),
        label: t("review:card.reject", { criterion }),
      },
    ]);
  }
  const area = hamlet.parent;
  rows.push([
    {
      data: reviewData({ kind: "list", week: report.week, ...(area ? { area } : {}) }),
      label: t("review:card.back"),
    },
  ]);
  return rows;
}
