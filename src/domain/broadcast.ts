import type { Audience } from "./audience.js";
import type { StoredPhoto } from "./report.js";

/** What a broadcast carries: a campaign message, or a model story (which has a title). */
export const BROADCAST_KINDS = ["campaign", "story"] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];

/**
 * When a broadcast goes out: as soon as it may, once at an instant, or every week on a day
 * (1 = Monday … 7 = Sunday) at a local time `HH:MM`.
 */
export type BroadcastSchedule =
  | { kind: "now" }
  | { kind: "at"; at: string }
  | { kind: "weekly"; weekday: number; time: string };

/** The message and its audience, as the author composed them. */
export interface BroadcastDraft {
  kind: BroadcastKind;
  /** A story's title (absent for campaign messages). */
  title?: string;
  /** The author's text, sent as written. */
  text: string;
  photo?: StoredPhoto;
  /** The library story it was made from, if any. */
  storyId?: string;
  audience: Audience;
  schedule: BroadcastSchedule;
  /** Sent even in quiet hours; an approver must confirm it. */
  urgent: boolean;
}

/**
 * Where a broadcast stands:
 * - `pending`: waits for an approver;
 * - `rejected`: an approver said no (with a reason);
 * - `scheduled`: approved, waiting for its time (a weekly one stays here between occurrences);
 * - `sending`: a one-time broadcast going out;
 * - `sent`: a one-time broadcast delivered (see its run's counts);
 * - `cancelled`: stopped before it went out (a weekly one: no further occurrence);
 * - `recalled`: sent, then deleted from the members' chats where the platform allows.
 */
export const BROADCAST_STATES = [
  "pending",
  "rejected",
  "scheduled",
  "sending",
  "sent",
  "cancelled",
  "recalled",
] as const;
export type BroadcastState = (typeof BROADCAST_STATES)[number];

/** How one occurrence's delivery ended, from the ledger. */
export interface RunCounts {
  sent: number;
  failed: number;
  blocked: number;
}

/** What a recall managed. */
export interface RunRecall {
  at: string;
  by: string;
  /** Members whose every message was deleted. */
  recalled: number;
  /** Members whose message could not be deleted (too old, or the platform does not allow it). */
  notRecalled: number;
}

/** One occurrence of a broadcast going out (one for a one-time broadcast, one a week for weekly). */
export interface BroadcastRun {
  /** The instant it was due (ISO). */
  occurrence: string;
  /** The outbox purpose of its sends: `broadcast:<id>` or `broadcast:<id>:<local date>`. */
  purpose: string;
  /** `enqueuing` until every send is in the outbox, `sending` until none is left, then `done`. */
  state: "enqueuing" | "sending" | "done";
  /** The version of the broadcast that went out. */
  version: number;
  startedAt: string;
  /** Sends queued. */
  recipients: number;
  optedOut: number;
  /** Matched but unreachable on every channel when it started. */
  unreachable: number;
  finishedAt?: string;
  durationMs?: number;
  counts?: RunCounts;
  recall?: RunRecall;
}

/** A broadcast as stored: the draft, who wrote and approved it, its state and its runs. */
export interface Broadcast extends BroadcastDraft {
  id: string;
  /** Bumped by each edit: approvals and buttons name the version they were for. */
  version: number;
  /** Bumped by every stored change: the store refuses a change made from a stale copy. */
  revision: number;
  authorId: string;
  /** The unit the broadcast speaks from (the author's scope): its header names it. */
  senderUnitId: string;
  state: BroadcastState;
  createdAt: string;
  updatedAt: string;
  /** When the current version was submitted (weekly occurrences count from here). */
  submittedAt: string;
  approval?: { by: string; at: string; version: number };
  rejection?: { by: string; at: string; version: number; reason: string };
  cancellation?: { by: string; at: string };
  runs: BroadcastRun[];
}

/** What the audit keeps: who did what to a broadcast, and when. */
export const BROADCAST_ACTIONS = [
  "composed",
  "approved",
  "rejected",
  "edited",
  "cancelled",
  "started",
  "sent",
  "recalled",
  "refused",
] as const;
export type BroadcastAction = (typeof BROADCAST_ACTIONS)[number];

/** One line of a broadcast's audit trail. */
export interface BroadcastAuditEntry {
  broadcastId: string;
  /** 1, 2, … within the broadcast. */
  seq: number;
  at: string;
  action: BroadcastAction;
  /** The member who acted; absent for the bot's own steps (an occurrence starting). */
  actorId?: string;
  version: number;
  /** Counts, reasons, schedules: what a reader of the trail needs. */
  details: Record<string, string | number | boolean>;
}

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

/** The outbox purpose of a broadcast's sends for one occurrence. */
export function runPurpose(
  broadcast: Pick<Broadcast, "id" | "schedule">,
  localDay: string,
): string {
  return broadcast.schedule.kind === "weekly"
    ? `broadcast:${broadcast.id}:${localDay}`
    : `broadcast:${broadcast.id}`;
}

/** The broadcast id a purpose belongs to, or undefined when it is not a broadcast's. */
export function broadcastIdOfPurpose(purpose: string): string | undefined {
  const match = /^broadcast:([^:]+)(?::[^:]+)?$/.exec(purpose);
  return match?.[1];
}

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
  const updated = withRun(broadcast, purpose, (run) => ({ ...run, recall }), recall.at);
  return broadcast.schedule.kind === "weekly" ? updated : { ...updated, state: "recalled" };
}
