import type { EnqueueRequest } from "../../delivery/outbox.js";
import type { Member } from "../../domain/member.js";
import { reachable } from "../../domain/reachability.js";
import { sharesChatWithOthers } from "../../domain/shared-chat.js";
import type { Unit } from "../../domain/unit.js";
import { type WeekKey, weekBounds, weekOf } from "../../domain/week.js";
import type { Job } from "../../jobs/job.js";
import type { Outbound } from "../../messaging/outbound.js";
import { unitInlineLabel, unitLabel } from "../../reference/labels.js";
import { addressOf, capitalised } from "../../render/address.js";
import { formatWeek } from "../../render/format.js";
import type { AppDeps } from "../app-deps.js";
import type { ProactiveOutbox } from "../proactive-outbox.js";
import { recipientTranslator } from "../recipient-translator.js";
import { headHamlets } from "../reporting/head-hamlets.js";
import { reportButton } from "../reporting/report-button.js";
import { addressedTo } from "../shared-phone.js";
import { byHamlet, type MissingReport, missingReports } from "./missing-reports.js";
import { slotOf } from "./slot.js";

const HOUR = 3_600_000;

/**
 * How long after its time a reminder missed while the bot was down is still sent: the same
 * day's working hours. Never past the end of the week it is about (checked when it runs).
 */
export const REMINDER_CATCH_UP_MS = 12 * HOUR;

/** What one reminder run did. */
export interface ReminderRun {
  week: WeekKey;
  /** Heads a reminder was queued for now (not those already queued by an earlier run). */
  queued: number;
  /** Heads owing a report this run found (queued now or before). */
  due: number;
  /** Set when the run sent nothing because the week it is about is over. */
  skipped?: "week-over";
}

/**
 * The reminder job (`REMINDER_SCHEDULE`, default Friday 08:00 and Sunday 18:00): every hamlet
 * head whose hamlet has no report that counts this week gets one message with a "Report now"
 * button. Keyed per head, week and slot, so running a slot again sends nothing twice.
 */
export function reminderJob(deps: AppDeps, outbox: ProactiveOutbox): Job {
  return {
    name: "reminders",
    schedules: deps.config.schedules.reminders,
    catchUpWindowMs: REMINDER_CATCH_UP_MS,
    run: async (occurrence) => {
      const run = await sendReminders(deps, outbox, occurrence);
      deps.logger.info({ reminders: run }, "reminders queued");
    },
  };
}

/** Queues the reminders of one occurrence; safe to call again for the same occurrence. */
export async function sendReminders(
  deps: AppDeps,
  outbox: ProactiveOutbox,
  occurrence: Date,
): Promise<ReminderRun> {
  const { store, config } = deps;
  const timeZone = config.timeZone;
  const week = weekOf(occurrence, timeZone);
  if (deps.now() >= weekBounds(week, timeZone).end) {
    return { week, queued: 0, due: 0, skipped: "week-over" };
  }
  const slot = slotOf(occurrence, timeZone);
  const [members, units, reports] = await Promise.all([
    store.members.list(),
    store.units.list(),
    store.reports.listWeek(week),
  ]);
  const unitsById = new Map(units.map((unit) => [unit.id, unit]));
  const weekReports = byHamlet(reports);
  const requests: EnqueueRequest[] = [];
  for (const member of members) {
    if (!reachable(member)) continue;
    const hamlets = headHamlets(member)
      .map((id) => unitsById.get(id))
      .filter((unit): unit is Unit => unit !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name, "vi"));
    const missing = missingReports(hamlets, week, weekReports);
    if (missing.length === 0) continue;
    const message = reminderMessage(deps, member, week, missing);
    requests.push({
      key: `reminder:${week}:${slot}:${member.id}`,
      purpose: `reminder:${week}:${slot}`,
      memberId: member.id,
      // On a household's shared phone, the reminder says it is for the head.
      message: sharesChatWithOthers(member, members) ? addressedTo(deps, member, message) : message,
    });
  }
  const results = await outbox.enqueueMany(requests);
  return { week, queued: results.filter((r) => r.created).length, due: requests.length };
}

/** The reminder as the head reads it, in their language: the hamlets owing, the week, a button. */
export function reminderMessage(
  deps: Pick<AppDeps, "i18n" | "buttonsOn">,
  member: Member,
  week: WeekKey,
  missing: readonly MissingReport[],
): Outbound {
  const t = recipientTranslator(deps, member);
  const weekText = formatWeek(member.locale, week);
  const lines: string[] = [];
  const [only] = missing;
  if (missing.length === 1 && only) {
    // Opening the line it keeps its capital; after "của" it is a common noun.
    const hamlet = only.returned
      ? unitInlineLabel(t, member.locale, only.hamlet)
      : unitLabel(t, only.hamlet);
    lines.push(
      t(only.returned ? "reminders:head.returned" : "reminders:head.one", {
        hamlet,
        week: weekText,
      }),
    );
  } else {
    lines.push(t("reminders:head.many", { week: weekText }));
    for (const { hamlet, returned } of missing) {
      lines.push(
        t(returned ? "reminders:head.lineReturned" : "reminders:head.line", {
          hamlet: unitLabel(t, hamlet),
        }),
      );
    }
  }
  // "Anh Thắng dành một phút…" once the salutation is known; "Anh/chị dành…" until then.
  lines.push(
    member.salutation
      ? t("reminders:head.askNamed", { who: capitalised(addressOf(t, member)) })
      : t("reminders:head.ask"),
  );
  return {
    text: lines.join("\n"),
    choices: [[{ ...reportButton(t), label: t("reminders:head.button") }]],
    choiceMode: "single",
  };
}
