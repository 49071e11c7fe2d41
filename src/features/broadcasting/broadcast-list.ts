import { approverCovers } from "../../domain/audience.js";
import { type Broadcast, receivedWhole } from "../../domain/broadcast.js";
import { isChangeable, recallableRun } from "../../domain/broadcast-lifecycle.js";
import { nextOccurrence } from "../../domain/broadcast-schedule.js";
import type { Choice, Outbound } from "../../messaging/outbound.js";
import { formatNumber } from "../../render/format.js";
import type { MemberContext } from "../feature.js";
import { type BroadcastEnv, unitTreeOf } from "./broadcast-env.js";
import { broadcastName, describeSchedule, formatInstant, stateLabel } from "./broadcast-texts.js";

/** How many broadcasts `/broadcasts` shows. */
const SHOWN = 10;

/** Button data prefixes of `/broadcasts`: edit, cancel, recall, review (as an approver). */
export const EDIT_PREFIX = "bce";
export const CANCEL_PREFIX = "bcx";
export const RECALL_PREFIX = "bcv";
export const REVIEW_PREFIX = "bcp";

/**
 * The broadcasts a member may see: their own, and, for an approver, every one whose audience
 * their scope covers. Newest first.
 */
export async function visibleBroadcasts(
  env: BroadcastEnv,
  ctx: MemberContext,
): Promise<Broadcast[]> {
  const { store } = env.deps;
  const own = await store.broadcasts.listByAuthor(ctx.member.id);
  if (!ctx.member.roles.some((grant) => grant.role === "approver")) return own;
  const tree = await unitTreeOf(store);
  const all = await store.broadcasts.list();
  return all.filter(
    (b) => b.authorId === ctx.member.id || approverCovers(ctx.member, b.audience, tree),
  );
}

/** `/broadcasts`: the latest broadcasts with their state and counts, and what may be done with each. */
export async function broadcastsMessage(env: BroadcastEnv, ctx: MemberContext): Promise<Outbound> {
  const { t } = ctx;
  const broadcasts = (await visibleBroadcasts(env, ctx)).slice(0, SHOWN);
  if (broadcasts.length === 0) return { text: t("broadcast:list.empty") };
  const tree = await unitTreeOf(env.deps.store);
  const blocks: string[] = [t("broadcast:list.title")];
  const choices: Choice[][] = [];
  for (const broadcast of broadcasts) {
    blocks.push(await describe(env, ctx, broadcast));
    const isAuthor = broadcast.authorId === ctx.member.id;
    const manages = isAuthor || approverCovers(ctx.member, broadcast.audience, tree);
    const row: Choice[] = [];
    const button = (prefix: string, key: string) =>
      row.push({ data: `${prefix}:${broadcast.id}`, label: t(key, { id: broadcast.id }) });
    if (!isAuthor && manages && broadcast.state === "pending")
      button(REVIEW_PREFIX, "broadcast:list.review");
    if (isAuthor && isChangeable(broadcast)) button(EDIT_PREFIX, "broadcast:list.edit");
    if (manages && isChangeable(broadcast)) button(CANCEL_PREFIX, "broadcast:list.cancel");
    if (manages && recallableRun(broadcast)) button(RECALL_PREFIX, "broadcast:list.recall");
    if (row.length > 0) choices.push(row);
  }
  return {
    text: blocks.join("\n\n"),
    ...(choices.length > 0 ? { choices, choiceMode: "single" as const } : {}),
  };
}

/** One broadcast in the list: name and state, when it goes out, and how its last run went. */
async function describe(
  env: BroadcastEnv,
  ctx: MemberContext,
  broadcast: Broadcast,
): Promise<string> {
  const { t, locale } = ctx;
  const { timeZone } = env.deps.config;
  const n = (value: number) => formatNumber(locale, value);
  const lines = [
    t("broadcast:list.item", {
      name: broadcastName(t, broadcast),
      state: stateLabel(t, broadcast.state),
      when: describeSchedule(t, locale, broadcast.schedule, timeZone),
    }),
  ];
  if (broadcast.urgent) lines.push(t("broadcast:list.urgent"));
  if (broadcast.state === "rejected" && broadcast.rejection) {
    lines.push(t("broadcast:list.rejected", { reason: broadcast.rejection.reason }));
  }
  const next = nextOccurrence(broadcast.schedule, env.deps.now(), timeZone);
  if (
    next &&
    broadcast.state === "scheduled" &&
    (broadcast.schedule.kind === "weekly" || broadcast.runs.length === 0)
  ) {
    lines.push(t("broadcast:list.next", { when: formatInstant(locale, next, timeZone) }));
  }
  const run = broadcast.runs.at(-1);
  if (run?.state === "done" && run.counts) {
    const textOnly = run.counts.textOnly ?? 0;
    lines.push(
      t(textOnly > 0 ? "broadcast:list.doneTextOnly" : "broadcast:list.done", {
        when: formatInstant(locale, new Date(run.finishedAt ?? run.startedAt), timeZone),
        sent: n(receivedWhole(run.counts)),
        textOnly: n(textOnly),
        failed: n(run.counts.failed),
        blocked: n(run.counts.blocked + run.unreachable),
        optedOut: n(run.optedOut),
      }),
    );
    if (run.recall) {
      lines.push(
        t("broadcast:list.recalled", {
          recalled: n(run.recall.recalled),
          notRecalled: n(run.recall.notRecalled),
        }),
      );
    }
  } else if (run) {
    // Live numbers from the ledger while it is going out.
    const progress = await env.outbox.progress(run.purpose);
    lines.push(
      t(progress.textOnly > 0 ? "broadcast:list.sendingTextOnly" : "broadcast:list.sending", {
        done: n(progress.sent + progress.failed + progress.blocked),
        total: n(run.recipients),
        sent: n(receivedWhole(progress)),
        textOnly: n(progress.textOnly),
        failed: n(progress.failed),
        blocked: n(progress.blocked),
      }),
    );
  }
  return lines.join("\n");
}
