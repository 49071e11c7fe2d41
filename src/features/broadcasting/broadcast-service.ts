import {
  addressesEveryone,
  approverCovers,
  broadcasterGrants,
  type EndedArea,
  endedArea,
  grantFor,
  poolOf,
  withinBroadcasterScope,
} from "../../domain/audience.js";
import type { Broadcast, BroadcastDraft } from "../../domain/broadcast.js";
import {
  approve,
  cancel,
  edit,
  isChangeable,
  newBroadcast,
  reject,
} from "../../domain/broadcast-lifecycle.js";
import { localDate } from "../../domain/local-time.js";
import type { Member } from "../../domain/member.js";
import { auditLine, type ChangeResult, changeBroadcast, notify } from "./broadcast-changes.js";
import { type BroadcastEnv, unitTreeOf } from "./broadcast-env.js";
import { requestApproval, tellAuthor } from "./broadcast-notices.js";
import { fireDue } from "./broadcast-runs.js";
import { broadcastName, describeSchedule } from "./broadcast-texts.js";
import { checkDraft } from "./draft-check.js";

/** What became of a submitted (or edited) broadcast. */
export type SubmitResult =
  | {
      ok: true;
      broadcast: Broadcast;
      /** Approvers asked (approval on); 0 means nobody can approve it yet. */
      approvers: number;
      /** True when it started going out at once (approval off, "send now"). */
      started: boolean;
    }
  | {
      ok: false;
      reason: "invalid" | "out-of-scope" | "ended-area" | "not-found" | "not-allowed" | string;
      /** For "ended-area": the area that ended and the unit that took over from it. */
      ended?: EndedArea;
    };

/**
 * Refuses an audience naming an area that has ended (xã Hưng Đạo after 2025-06-30), naming
 * the unit that took over, whichever way the draft came (composer, story, a stored draft).
 */
async function endedAreaRefusal(
  env: BroadcastEnv,
  draft: BroadcastDraft,
): Promise<SubmitResult | undefined> {
  const tree = await unitTreeOf(env.deps.store);
  const today = localDate(env.deps.now(), env.deps.config.timeZone);
  const ended = endedArea(draft.audience, tree, today);
  if (!ended) return undefined;
  return { ok: false, reason: "ended-area", ended };
}

/** The rules every broadcast change is checked against again, whatever the buttons said. */
async function scopeOf(env: BroadcastEnv, author: Member, draft: BroadcastDraft) {
  const tree = await unitTreeOf(env.deps.store);
  const grants = broadcasterGrants(author);
  if (!author.active || !withinBroadcasterScope(grants, draft.audience, tree)) return undefined;
  if (poolOf(draft.audience) === "everyone") {
    // Only a body that unites every resident (the Fatherland Front) speaks beyond its members.
    const orgs = await Promise.all(
      draft.audience.orgIds.map((id) => env.deps.store.organisations.get(id)),
    );
    if (!addressesEveryone(orgs.filter((org) => org !== undefined))) return undefined;
  }
  // The header speaks from the author's narrowest grant that covers the audience.
  const [org, area] = [draft.audience.orgIds[0] ?? "", draft.audience.areaIds[0] ?? ""];
  return grantFor(grants, org, area, tree)?.unitId;
}

/**
 * Submits a broadcast: checked against the author's broadcaster scope, stored with an audit
 * line, then sent to the approvers (approval on) or scheduled at once (approval off; "send
 * now" starts going out straight away). The entry point for the composer and for stories.
 */
export async function submitBroadcast(
  env: BroadcastEnv,
  author: Member,
  draft: BroadcastDraft,
): Promise<SubmitResult> {
  const { deps } = env;
  const checked = checkDraft(draft);
  if (!checked.ok) {
    deps.logger.warn({ problem: checked.problem }, "broadcast: an invalid draft was refused");
    return { ok: false, reason: "invalid" };
  }
  const ended = await endedAreaRefusal(env, draft);
  if (ended) return ended;
  const senderUnitId = await scopeOf(env, author, draft);
  if (!senderUnitId) return { ok: false, reason: "out-of-scope" };
  const id = String(await deps.store.sequences.next("broadcast"));
  const at = deps.now().toISOString();
  const approval = deps.config.broadcastApproval;
  const broadcast = newBroadcast(draft, { id, authorId: author.id, senderUnitId, at }, approval);
  const saved = await deps.store.broadcasts.save(broadcast, [
    {
      broadcastId: id,
      version: 1,
      at,
      ...auditLine("composed", author.id, {
        kind: draft.kind,
        schedule: draft.schedule.kind,
        urgent: draft.urgent,
        ...(draft.storyId ? { storyId: draft.storyId } : {}),
      }),
    },
  ]);
  if (!saved) throw new Error(`broadcast ${id} already exists`);
  notify(env, broadcast);
  return afterSubmit(env, broadcast);
}

async function afterSubmit(env: BroadcastEnv, broadcast: Broadcast): Promise<SubmitResult> {
  if (broadcast.state === "pending") {
    return {
      ok: true,
      broadcast,
      approvers: await requestApproval(env, broadcast),
      started: false,
    };
  }
  const started =
    broadcast.schedule.kind === "now" && (await fireDue(env, new Set([broadcast.id]))) > 0;
  const stored = (await env.deps.store.broadcasts.get(broadcast.id)) ?? broadcast;
  return { ok: true, broadcast: stored, approvers: 0, started };
}

/**
 * An approver's decision on the version they were shown: approve (confirming or dropping the
 * urgent mark) or reject with a reason. Refused for the author, for anyone whose approver
 * scope does not cover the whole audience, and for a version since edited. The author is told.
 */
export async function decideBroadcast(
  env: BroadcastEnv,
  approver: Member,
  id: string,
  version: number,
  decision: { approve: true; urgent: boolean } | { approve: false; reason: string },
): Promise<ChangeResult> {
  const { deps } = env;
  const at = deps.now().toISOString();
  const result = await changeBroadcast(env, id, at, async (current) => {
    if (current.authorId === approver.id) return { kind: "refuse", reason: "own-broadcast" };
    const tree = await unitTreeOf(deps.store);
    if (!approverCovers(approver, current.audience, tree)) {
      return { kind: "refuse", reason: "not-allowed" };
    }
    const change = decision.approve
      ? approve(current, approver.id, version, at, decision.urgent)
      : reject(current, approver.id, version, at, decision.reason);
    if (!change.ok) return { kind: "refuse", reason: change.reason };
    return {
      kind: "change",
      broadcast: change.broadcast,
      audit: [
        decision.approve
          ? auditLine("approved", approver.id, { urgent: change.broadcast.urgent })
          : auditLine("rejected", approver.id, { reason: decision.reason }),
      ],
    };
  });
  if (!result.ok || !result.changed) return result;
  const broadcast = result.broadcast;
  const event = `${decision.approve ? "approved" : "rejected"}:v${broadcast.version}`;
  await tellAuthor(env, broadcast, event, (t, author) =>
    decision.approve
      ? t("broadcast:notice.approved", {
          name: broadcastName(t, broadcast),
          approver: approver.name,
          when: describeSchedule(t, author.locale, broadcast.schedule, deps.config.timeZone),
        })
      : t("broadcast:notice.rejected", {
          name: broadcastName(t, broadcast),
          approver: approver.name,
          reason: decision.reason,
        }),
  );
  // The approval notice already says a "send now" broadcast is going: no "started" notice too.
  if (decision.approve) {
    await fireDue(env, new Set(broadcast.schedule.kind === "now" ? [broadcast.id] : []));
  }
  return result;
}

/**
 * The author's new version of a broadcast that has not gone out (a weekly one: before its next
 * occurrence): checked against their scope again, and back through approval when it is on.
 */
export async function editBroadcast(
  env: BroadcastEnv,
  author: Member,
  id: string,
  version: number,
  draft: BroadcastDraft,
): Promise<SubmitResult> {
  const { deps } = env;
  if (!checkDraft(draft).ok) return { ok: false, reason: "invalid" };
  const ended = await endedAreaRefusal(env, draft);
  if (ended) return ended;
  const senderUnitId = await scopeOf(env, author, draft);
  if (!senderUnitId) return { ok: false, reason: "out-of-scope" };
  const at = deps.now().toISOString();
  const result = await changeBroadcast(env, id, at, (current) => {
    if (current.authorId !== author.id) return { kind: "refuse", reason: "not-allowed" };
    const change = edit(current, draft, version, at, deps.config.broadcastApproval);
    if (!change.ok) return { kind: "refuse", reason: change.reason };
    return {
      kind: "change",
      broadcast: { ...change.broadcast, senderUnitId },
      audit: [
        auditLine("edited", author.id, { schedule: draft.schedule.kind, urgent: draft.urgent }),
      ],
    };
  });
  if (!result.ok) return result;
  return afterSubmit(env, result.broadcast);
}

/** Whether a member may cancel or recall a broadcast: its author, or an approver covering it. */
export async function mayManage(env: BroadcastEnv, member: Member, broadcast: Broadcast) {
  if (broadcast.authorId === member.id) return true;
  return approverCovers(member, broadcast.audience, await unitTreeOf(env.deps.store));
}

/** Cancels a broadcast before it goes out (a weekly one: no further occurrence). */
export async function cancelBroadcast(
  env: BroadcastEnv,
  member: Member,
  id: string,
): Promise<ChangeResult> {
  const { deps } = env;
  const at = deps.now().toISOString();
  const result = await changeBroadcast(env, id, at, async (current) => {
    if (!(await mayManage(env, member, current))) return { kind: "refuse", reason: "not-allowed" };
    if (!isChangeable(current)) return { kind: "refuse", reason: "not-cancellable" };
    const change = cancel(current, member.id, at);
    if (!change.ok) return { kind: "refuse", reason: change.reason };
    return {
      kind: "change",
      broadcast: change.broadcast,
      audit: [auditLine("cancelled", member.id)],
    };
  });
  if (result.ok && result.changed && result.broadcast.authorId !== member.id) {
    const broadcast = result.broadcast;
    await tellAuthor(env, broadcast, "cancelled", (t) =>
      t("broadcast:notice.cancelled", { name: broadcastName(t, broadcast), by: member.name }),
    );
  }
  return result;
}
