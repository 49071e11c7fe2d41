import type { Broadcast, BroadcastDraft, BroadcastRun, RunCounts, RunRecall } from "./broadcast.js";

/** Why a change to a broadcast was refused, as a locale key suffix (`broadcast:refusal.<reason>`). */
export type BroadcastRefusal =
  | "not-pending"
  | "own-broadcast"
  | "stale-version"
  | "not-editable"
  | "not-cancellable"
  | "not-recallable";

/** A change to a broadcast, or why it cannot be made. */
export type BroadcastChange =
  | { ok: true; broadcast: Broadcast }
  | { ok: false; reason: BroadcastRefusal };

const refuse = (reason: BroadcastRefusal): BroadcastChange => ({ ok: false, reason });

/** A newly submitted broadcast: waiting for approval, or (approval off) scheduled at once. */
export function newBroadcast(
  draft: BroadcastDraft,
  meta: { id: string; authorId: string; senderUnitId: string; at: string },
  approvalRequired: boolean,
): Broadcast {
  return {
    ...draft,
    id: meta.id,
    version: 1,
    revision: 0,
    authorId: meta.authorId,
    senderUnitId: meta.senderUnitId,
    state: approvalRequired ? "pending" : "scheduled",
    createdAt: meta.at,
    updatedAt: meta.at,
    submittedAt: meta.at,
    runs: [],
  };
}

/** Approves the version the approver saw; never the author's own, never a stale version. */
export function approve(
  broadcast: Broadcast,
  approverId: string,
  version: number,
  at: string,
  urgent: boolean,
): BroadcastChange {
  if (broadcast.authorId === approverId) return refuse("own-broadcast");
  if (broadcast.state !== "pending") return refuse("not-pending");
  if (broadcast.version !== version) return refuse("stale-version");
  return {
    ok: true,
    broadcast: {
      ...broadcast,
      // The approver confirms the urgent mark, or takes it off; never adds it.
      urgent: broadcast.urgent && urgent,
      state: "scheduled",
      approval: { by: approverId, at, version },
      updatedAt: at,
    },
  };
}

/** Rejects the version the approver saw, with the reason the author will be told. */
export function reject(
  broadcast: Broadcast,
  approverId: string,
  version: number,
  at: string,
  reason: string,
): BroadcastChange {
  if (broadcast.authorId === approverId) return refuse("own-broadcast");
  if (broadcast.state !== "pending") return refuse("not-pending");
  if (broadcast.version !== version) return refuse("stale-version");
  return {
    ok: true,
    broadcast: {
      ...broadcast,
      state: "rejected",
      rejection: { by: approverId, at, version, reason },
      updatedAt: at,
    },
  };
}

/** Whether a broadcast may still be edited or cancelled: before it goes out (weekly: any time). */
export function isChangeable(broadcast: Broadcast): boolean {
  if (broadcast.state === "pending") return true;
  if (broadcast.state !== "scheduled") return false;
  return broadcast.schedule.kind === "weekly" || broadcast.runs.length === 0;
}

/** A new version of a broadcast not yet gone out: back through approval when it is on. */
export function edit(
  broadcast: Broadcast,
  draft: BroadcastDraft,
  version: number,
  at: string,
  approvalRequired: boolean,
): BroadcastChange {
  if (!isChangeable(broadcast)) return refuse("not-editable");
  if (broadcast.version !== version) return refuse("stale-version");
  const { approval: _approval, rejection: _rejection, ...rest } = broadcast;
  return {
    ok: true,
    broadcast: {
      ...rest,
      ...draft,
      version: broadcast.version + 1,
      state: approvalRequired ? "pending" : "scheduled",
      submittedAt: at,
      updatedAt: at,
    },
  };
}

/** Cancels a broadcast before it goes out; a weekly one has no further occurrence. */
export function cancel(broadcast: Broadcast, by: string, at: string): BroadcastChange {
  if (!isChangeable(broadcast)) return refuse("not-cancellable");
  return {
    ok: true,
    broadcast: { ...broadcast, state: "cancelled", cancellation: { by, at }, updatedAt: at },
  };
}

/** The broadcast with an occurrence started (its run recorded before anything is queued). */
export function startRun(broadcast: Broadcast, run: BroadcastRun): Broadcast {
  return {
    ...broadcast,
    state: broadcast.schedule.kind === "weekly" ? broadcast.state : "sending",
    runs: [...broadcast.runs, run],
    updatedAt: run.startedAt,
  };
}

/** The broadcast with one run changed. */
export function withRun(
  broadcast: Broadcast,
  purpose: string,
  change: (run: BroadcastRun) => BroadcastRun,
  at: string,
): Broadcast {
  return {
    ...broadcast,
    runs: broadcast.runs.map((run) => (run.purpose === purpose ? change(run) : run)),
    updatedAt: at,
  };
}

/** The broadcast once a run has nothing left to send: a one-time broadcast is then `sent`. */
export function finishRun(
  broadcast: Broadcast,
  purpose: string,
  result: { counts: RunCounts; at: string; durationMs: number },
): Broadcast {
  const updated = withRun(
    broadcast,
    purpose,
    (run) => ({
      ...run,
      state: "done",
      counts: result.counts,
      finishedAt: result.at,
      durationMs: result.durationMs,
    }),
    result.at,
  );
  const oneTime = broadcast.schedule.kind !== "weekly";
  return oneTime && broadcast.state === "sending" ? { ...updated, state: "sent" } : updated;
}

/** The run a recall would act on: the latest finished one not recalled yet. */
export function recallableRun(broadcast: Broadcast): BroadcastRun | undefined {
  if (broadcast.state === "pending" || broadcast.state === "rejected") return undefined;
  const last = broadcast.runs.at(-1);
  return last && last.state === "done" && !last.recall ? last : undefined;
}

/** The broadcast after a recall of one run; a one-time broadcast becomes `recalled`. */
export function recordRecall(broadcast: Broadcast, purpose: string, recall: RunRecall): Broadcast {
  const updated = withRun(
    broadcast,
    purpose,
    ({ recalling: _done, ...run }) => ({ ...run, recall }),
    recall.at,
  );
  return broadcast.schedule.kind === "weekly" ? updated : { ...updated, state: "recalled" };
}
