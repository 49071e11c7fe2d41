import type { EnqueueRequest } from "../../delivery/outbox.js";
import type { Member } from "../../domain/member.js";
import { reachable } from "../../domain/reachability.js";
import type { HamletReport } from "../../domain/report.js";
import type { Unit } from "../../domain/unit.js";
import type { WeekKey } from "../../domain/week.js";
import type { Translate } from "../../i18n.js";
import type { Outbound } from "../../messaging/outbound.js";
import { unitInlineLabel } from "../../reference/labels.js";
import { capitalised, you } from "../../render/address.js";
import { formatWeek } from "../../render/format.js";
import type { AppDeps } from "../app-deps.js";
import type { ProactiveOutbox } from "../proactive-outbox.js";
import { recipientTranslator } from "../recipient-translator.js";
import { headsHamlet } from "../reporting/head-hamlets.js";
import { reportButton } from "../reporting/report-button.js";
import { addressedIfShared } from "../shared-phone.js";
import { type PlacedCriterion, placedLabel } from "./criteria-progress.js";

/** The batch head notices are counted in. */
const PURPOSE = "review";

/**
 * Tells the report's author, through the outbox (so quiet hours defer it), that an official
 * returned the report, with the comment and a button to correct it. False when the author
 * cannot be reached by the bot.
 */
export async function noticeReturned(
  deps: AppDeps,
  outbox: ProactiveOutbox,
  report: HamletReport,
  hamlet: Unit,
  comment: string,
): Promise<boolean> {
  return notify(
    deps,
    outbox,
    report.authorId,
    `${PURPOSE}:${report.id}:v${report.version}:returned`,
    (t, author) => ({
      text: [
        t("review:notice.returned", {
          hamlet: unitInlineLabel(t, author.locale, hamlet),
          week: formatWeek(author.locale, report.week),
          receipt: report.receipt,
        }),
        t("review:notice.comment", { comment }),
        t("review:notice.correct", addressing(t, author)),
      ].join("\n"),
      choices: [[{ ...reportButton(t), label: t("review:notice.correctButton") }]],
      choiceMode: "single",
    }),
  );
}

/** Tells the report's author that an official confirmed, or did not confirm, a criterion it claimed. */
export async function noticeCriterion(
  deps: AppDeps,
  outbox: ProactiveOutbox,
  report: HamletReport,
  hamlet: Unit,
  placed: PlacedCriterion,
  confirmed: boolean,
): Promise<boolean> {
  const key = `${PURPOSE}:${report.id}:v${report.version}:criterion:${placed.criterion.id}`;
  return notify(deps, outbox, report.authorId, key, (t, author) => ({
    text: t(confirmed ? "review:notice.confirmed" : "review:notice.rejected", {
      hamlet: unitInlineLabel(t, author.locale, hamlet),
      criterion: placedLabel(t, placed),
      ...addressing(t, author),
    }),
  }));
}

/**
 * Tells every head of the hamlet that an official reopened a closed week for them, with the
 * "Report now" button. Returns the heads told.
 */
export async function noticeReopened(
  deps: AppDeps,
  outbox: ProactiveOutbox,
  hamlet: Unit,
  week: WeekKey,
): Promise<Member[]> {
  const heads = (await deps.store.members.listWithRole("hamlet_head")).filter(
    (member) => reachable(member) && headsHamlet(member, hamlet.id),
  );
  const requests: EnqueueRequest[] = await Promise.all(
    heads.map(async (head) => {
      const t = recipientTranslator(deps, head);
      return {
        key: `${PURPOSE}:reopened:${hamlet.id}@${week}:${head.id}`,
        purpose: PURPOSE,
        memberId: head.id,
        message: await addressedIfShared(deps, head, {
          text: t("review:notice.reopened", {
            hamlet: unitInlineLabel(t, head.locale, hamlet),
            week: formatWeek(head.locale, week),
            ...addressing(t, head),
          }),
          choices: [[{ ...reportButton(t), label: t("review:notice.reportButton") }]],
          choiceMode: "single",
        }),
      };
    }),
  );
  await outbox.enqueueMany(requests);
  return heads;
}

/** How a notice speaks to its one reader: "anh Thắng" inside a sentence, "Anh Thắng" opening one. */
function addressing(t: Translate, member: Member): { you: string; You: string } {
  const inside = you(t, member);
  return { you: inside, You: capitalised(inside) };
}

async function notify(
  deps: AppDeps,
  outbox: ProactiveOutbox,
  memberId: string,
  key: string,
  message: (t: Translate, member: Member) => Outbound,
): Promise<boolean> {
  const member = await deps.store.members.get(memberId);
  if (!member || !reachable(member)) return false;
  const t = recipientTranslator(deps, member);
  // On a shared phone the notice says it is for the head, not for the others there.
  const addressed = await addressedIfShared(deps, member, message(t, member));
  await outbox.enqueueMany([{ key, purpose: PURPOSE, memberId, message: addressed }]);
  return true;
}
