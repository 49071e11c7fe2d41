import type { EnqueueRequest } from "../../delivery/outbox.js";
import { headsByHamlet } from "../../domain/head-contacts.js";
import { localTime, pad } from "../../domain/local-time.js";
import type { Member } from "../../domain/member.js";
import { groupByCommune, hamletsInScope, isOfficial } from "../../domain/official-scope.js";
import { reachable } from "../../domain/reachability.js";
import { lateDeadline } from "../../domain/report-window.js";
import { firstReportWeeks, reportingStarts } from "../../domain/summary/reporting-start.js";
import type { Unit } from "../../domain/unit.js";
import { UnitTree } from "../../domain/unit-tree.js";
import { previousWeek, type WeekKey, weekDates, weekOf } from "../../domain/week.js";
import type { Job } from "../../jobs/job.js";
import type { Outbound } from "../../messaging/outbound.js";
import { unitLabel, unitListLabels } from "../../reference/labels.js";
import { referenceTo } from "../../render/address.js";
import { formatDate, formatWeek } from "../../render/format.js";
import type { AppDeps } from "../app-deps.js";
import type { ProactiveOutbox } from "../proactive-outbox.js";
import { recipientTranslator } from "../recipient-translator.js";
import { reviewData } from "../review/review-choice.js";
import { addressedIfShared } from "../shared-phone.js";
import { byHamlet, type MissingReport, missingReports } from "./missing-reports.js";
import { slotOf } from "./slot.js";

/**
 * How long after its time an escalation missed while the bot was down is still sent; never
 * after the week closes (Monday 12:00), which is checked when it runs.
 */
export const ESCALATION_CATCH_UP_MS = 12 * 3_600_000;

/** What one escalation run did. */
export interface EscalationRun {
  week: WeekKey;
  queued: number;
  /** Officials with at least one hamlet still missing (queued now or before). */
  due: number;
  /** Set when the run sent nothing because the week had already closed. */
  skipped?: "week-closed";
}

/**
 * The escalation job (`ESCALATION_SCHEDULE`, default Monday 09:00): each official gets the
 * hamlets of their area still missing last week's report, while late reports are still taken
 * (until noon), with a button to the week's reports. Keyed per official, week and slot.
 */
export function escalationJob(deps: AppDeps, outbox: ProactiveOutbox): Job {
  return {
    name: "escalation",
    schedules: deps.config.schedules.escalation,
    catchUpWindowMs: ESCALATION_CATCH_UP_MS,
    run: async (occurrence) => {
      const run = await sendEscalations(deps, outbox, occurrence);
      deps.logger.info({ escalation: run }, "escalations queued");
    },
  };
}

/** Queues the escalations of one occurrence; safe to call again for the same occurrence. */
export async function sendEscalations(
  deps: AppDeps,
  outbox: ProactiveOutbox,
  occurrence: Date,
): Promise<EscalationRun> {
  const { store, config } = deps;
  const timeZone = config.timeZone;
  const week = previousWeek(weekOf(occurrence, timeZone));
  if (deps.now() >= lateDeadline(week, timeZone)) {
    return { week, queued: 0, due: 0, skipped: "week-closed" };
  }
  const slot = slotOf(occurrence, timeZone);
  const [members, units, reports] = await Promise.all([
    store.members.list(),
    store.units.list(),
    store.reports.listWeek(week),
  ]);
  const tree = new UnitTree(units);
  const weekReports = byHamlet(reports);
  // A hamlet whose head has not started using the assistant by the week's end is not chased:
  // it is named apart, so officials know to find it a head rather than to wait for a report.
  const starts = reportingStarts(units, members, firstReportWeeks(reports));
  const { sunday } = weekDates(week);
  const expected = (hamlet: Unit) => {
    const start = starts.get(hamlet.id);
    return start !== undefined && start <= sunday;
  };
  const heads = headsByHamlet(members);
  const requests: EnqueueRequest[] = [];
  for (const member of members) {
    if (!reachable(member) || !isOfficial(member)) continue;
    const owed = missingReports(hamletsInScope(tree, member, week), week, weekReports);
    const missing = owed.filter((m) => m.returned || expected(m.hamlet));
    if (missing.length === 0) continue;
    const noHead = owed.filter((m) => !missing.includes(m)).map((m) => m.hamlet);
    requests.push({
      key: `escalation:${week}:${slot}:${member.id}`,
      purpose: `escalation:${week}:${slot}`,
      memberId: member.id,
      // On a phone shared with others, it says first whom it is for.
      message: await addressedIfShared(
        deps,
        member,
        escalationMessage(deps, tree, member, week, { missing, noHead, heads }),
      ),
    });
  }
  const results = await outbox.enqueueMany(requests);
  return { week, queued: results.filter((r) => r.created).length, due: requests.length };
}

/** The hamlets an escalation names: those owing a report, and those with no head yet. */
export interface EscalationHamlets {
  missing: readonly MissingReport[];
  noHead: readonly Unit[];
  /** The hamlet heads of each hamlet, so the official can call them. */
  heads: ReadonlyMap<string, readonly Member[]>;
}

/**
 * The escalation as an official reads it: missing hamlets by commune, each with its head's
 * name and phone (the official's scope covers every hamlet listed), the hamlets with no head
 * yet apart, the deadline, a button.
 */
export function escalationMessage(
  deps: Pick<AppDeps, "i18n" | "config" | "buttonsOn">,
  tree: UnitTree,
  member: Member,
  week: WeekKey,
  { missing, noHead, heads }: EscalationHamlets,
): Outbound {
  const t = recipientTranslator(deps, member);
  const returned = new Set(missing.filter((m) => m.returned).map((m) => m.hamlet.id));
  const lines = [
    t("reminders:official.title", {
      week: formatWeek(member.locale, week),
      count: missing.length,
    }),
  ];
  for (const { area, hamlets } of groupByCommune(
    tree,
    missing.map((m) => m.hamlet),
  )) {
    const labels = unitListLabels(t, member.locale, hamlets);
    const names = hamlets.map((hamlet, i) => {
      const label = labels[i] ?? "";
      const contacts = (heads.get(hamlet.id) ?? []).map((head) =>
        head.phone
          ? t("reminders:official.headWithPhone", {
              name: referenceTo(t, head),
              phone: head.phone,
            })
          : referenceTo(t, head),
      );
      const name =
        contacts.length > 0
          ? t("reminders:official.hamletHead", {
              hamlet: label,
              heads: contacts.join("; "),
            })
          : label;
      return returned.has(hamlet.id)
        ? t("reminders:official.returnedHamlet", { hamlet: name })
        : name;
    });
    lines.push(
      t("reminders:official.area", {
        area: area ? unitLabel(t, area) : t("reminders:official.noArea"),
        hamlets: names.join(", "),
      }),
    );
  }
  if (noHead.length > 0) {
    const names = unitListLabels(t, member.locale, noHead).join(", ");
    lines.push(t("reminders:official.noHead", { names }));
  }
  const deadline = localTime(lateDeadline(week, deps.config.timeZone), deps.config.timeZone);
  lines.push(
    t("reminders:official.deadline", {
      time: `${pad(deadline.hour)}:${pad(deadline.minute)}`,
      date: formatDate(
        member.locale,
        `${deadline.year}-${pad(deadline.month)}-${pad(deadline.day)}`,
        false,
      ),
    }),
  );
  return {
    text: lines.join("\n"),
    choices: [
      [{ data: reviewData({ kind: "list", week }), label: t("reminders:official.button") }],
    ],
    choiceMode: "single",
  };
}
