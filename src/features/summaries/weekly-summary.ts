import type { i18n } from "i18next";
import type { Config } from "../../config.js";
import type { EnqueueRequest } from "../../delivery/outbox.js";
import { type HeadContacts, headContactsFor, mayCallHeadsOf } from "../../domain/head-contacts.js";
import type { Member } from "../../domain/member.js";
import { weekPeriod } from "../../domain/period.js";
import { reachableIdentity } from "../../domain/reachability.js";
import { sharesChatWithOthers } from "../../domain/shared-chat.js";
import type { Summary } from "../../domain/summary/index.js";
import { previousWeek, type WeekKey, weekBounds, weekOf } from "../../domain/week.js";
import type { Job } from "../../jobs/job.js";
import type { Logger } from "../../logger.js";
import type { Outbound } from "../../messaging/outbound.js";
import { addressOf } from "../../render/address.js";
import type { Store } from "../../store/store.js";
import { type StoredSummary, storedSummaryId } from "../../store/summary-repository.js";
import type { AppDeps } from "../app-deps.js";
import type { ProactiveOutbox } from "../proactive-outbox.js";
import { recipientTranslator } from "../recipient-translator.js";
import { addressedTo } from "../shared-phone.js";
import { summaryMessages } from "./summary-messages.js";
import { summarySourceOf } from "./summary-source.js";

/** What compiling, storing and pushing the weekly summaries needs. */
export interface WeeklySummaryDeps {
  store: Store;
  i18n: i18n;
  config: Pick<Config, "timeZone">;
  now: () => Date;
  logger: Logger;
  outbox: ProactiveOutbox;
  /** Which chats show buttons, so a Zalo official's summary is worded for typing. */
  buttonsOn?: AppDeps["buttonsOn"];
}

/** The name the job runner knows the weekly summary by (its occurrences are marked done by it). */
export const WEEKLY_SUMMARY_JOB = "weekly-summary";

/** A missed Monday run is still worth doing until the next one is near. */
const CATCH_UP_WINDOW_MS = 6 * 24 * 3600_000;

/**
 * The three messages of one official's summary are due a second apart, so that a worker
 * sending several at once still delivers them in reading order: text, chart, spreadsheet.
 */
const PART_SPACING_MS = 1000;
const PARTS = ["text", "chart", "sheet"] as const;

/** The last week that had ended by `at` (at Monday 12:30, the week that ended on Sunday). */
export function lastClosedWeek(at: Date, timeZone: string): WeekKey {
  const current = weekOf(at, timeZone);
  return weekBounds(current, timeZone).end <= at ? current : previousWeek(current);
}

/**
 * The stored summary of an area for a week: the one stored before (so that what was pushed
 * and what `/summary` returns stay the same), else compiled now and stored.
 */
export async function storedWeekSummary(
  deps: Pick<WeeklySummaryDeps, "store" | "config" | "now">,
  week: WeekKey,
  areaId: string,
): Promise<StoredSummary> {
  const held = await deps.store.summaries.get(week, areaId);
  if (held) return held;
  const now = deps.now();
  const summary = await summarySourceOf(deps.store).compile(
    areaId,
    weekPeriod(week),
    now,
    deps.config.timeZone,
  );
  const stored = { periodKey: week, areaId, summary, storedAt: now.toISOString() };
  await deps.store.summaries.save(stored);
  return { id: storedSummaryId(week, areaId), ...stored };
}

/** What one run of the weekly summary did. */
export interface WeeklySummaryRun {
  week: WeekKey;
  /** Areas whose summary was stored (or found stored). */
  areas: string[];
  /** Messages newly queued (0 when the run had already been done). */
  queued: number;
}

/**
 * Compiles and stores the week's summary of every area an official follows (and of the whole
 * city), and queues it to each active official of that area who has a chat: text, chart and
 * spreadsheet. Every message is keyed by week, area, official and part, so a run repeated
 * after a crash or a restart queues nothing twice.
 */
export async function pushWeeklySummaries(
  deps: WeeklySummaryDeps,
  week: WeekKey,
): Promise<WeeklySummaryRun> {
  const tree = await summarySourceOf(deps.store).tree();
  const members = await deps.store.members.list();
  const officials = members.filter(isReachableOfficial);
  const summaries = new Map<string, Summary>();
  const rendered = new Map<string, Promise<Outbound[]>>();
  const requests: EnqueueRequest[] = [];
  const now = deps.now();
  for (const member of officials) {
    const areas = new Set(
      member.roles.filter((g) => g.role === "official" && tree.get(g.unitId)).map((g) => g.unitId),
    );
    for (const areaId of areas) {
      let summary = summaries.get(areaId);
      if (!summary) {
        summary = (await storedWeekSummary(deps, week, areaId)).summary;
        summaries.set(areaId, summary);
      }
      // Officials of the area itself are shown the heads' phones; an organisation's are not.
      const calls = summary.reporting.missingHamlets
        .filter((hamlet) => mayCallHeadsOf(member, tree, hamlet.id))
        .map((hamlet) => hamlet.id)
        .join(",");
      const contacts = headContactsFor(member, tree, members);
      const messages = await renderedFor(rendered, deps, summary, member, { calls, contacts });
      const first = messages[0] && spokenTo(deps, member, members, messages[0]);
      messages.forEach((message, i) => {
        requests.push({
          key: `summary:${week}:${areaId}:${member.id}:${PARTS[i]}`,
          purpose: `summary:${week}`,
          memberId: member.id,
          message: i === 0 && first ? first : message,
          notBefore: new Date(now.getTime() + i * PART_SPACING_MS),
        });
      });
    }
  }
  // The whole city's summary is kept every week, for admins and the archive, official or not.
  for (const top of tree.all().filter((unit) => !unit.parent && unit.active)) {
    if (!summaries.has(top.id)) {
      summaries.set(top.id, (await storedWeekSummary(deps, week, top.id)).summary);
    }
  }
  const results = await deps.outbox.enqueueMany(requests);
  const queued = results.filter((r) => r.created).length;
  deps.logger.info({ week, areas: summaries.size, queued }, "weekly summaries queued");
  return { week, areas: [...summaries.keys()], queued };
}

/**
 * The summary's first part as it speaks to its one reader: greeted by name ("Chào anh Minh,
 * …"), or on a phone shared with others, told whom it is for ("Gửi anh Minh:").
 */
function spokenTo(
  deps: Pick<WeeklySummaryDeps, "i18n" | "buttonsOn">,
  member: Member,
  members: readonly Member[],
  message: Outbound,
): Outbound {
  if (sharesChatWithOthers(member, members)) return addressedTo(deps, member, message);
  const t = recipientTranslator(deps, member);
  const greeting = t("summary:greeting", { who: addressOf(t, member) });
  return { ...message, text: `${greeting}\n\n${message.text}` };
}

/**
 * Each area's messages are drawn once per language, kind of chat (buttons or typed answers)
 * and set of missing hamlets whose heads' phones the reader is shown (`calls`), and shared
 * by the officials alike.
 */
function renderedFor(
  cache: Map<string, Promise<Outbound[]>>,
  deps: Pick<WeeklySummaryDeps, "i18n" | "buttonsOn">,
  summary: Summary,
  member: Member,
  reader: { calls: string; contacts: HeadContacts },
): Promise<Outbound[]> {
  const chat = reachableIdentity(member)?.channel ?? "";
  const key = `${summary.area.id}|${member.locale}|${chat}|${reader.calls}`;
  let messages = cache.get(key);
  if (!messages) {
    const t = recipientTranslator(deps, member);
    messages = summaryMessages(summary, t, member.locale, reader.contacts);
    cache.set(key, messages);
  }
  return messages;
}

function isReachableOfficial(member: Member): boolean {
  return (
    member.active &&
    !member.forgottenAt &&
    member.identities.some((identity) => !identity.unreachable) &&
    member.roles.some((grant) => grant.role === "official")
  );
}

/**
 * The weekly summary as a scheduled job: at each occurrence of `SUMMARY_SCHEDULE` (default
 * Monday 12:30), the week that has just closed is compiled, stored and pushed. The job runner
 * marks each occurrence done and catches up a missed one at start.
 */
export function weeklySummaryJob(deps: WeeklySummaryDeps, schedules: readonly string[]): Job {
  return {
    name: WEEKLY_SUMMARY_JOB,
    schedules,
    catchUpWindowMs: CATCH_UP_WINDOW_MS,
    run: async (occurrence) => {
      await pushWeeklySummaries(deps, lastClosedWeek(occurrence, deps.config.timeZone));
    },
  };
}
