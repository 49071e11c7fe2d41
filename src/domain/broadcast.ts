import type { Audience } from "./audience.js";
import type { StoredAudio, StoredPhoto } from "./report.js";

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
  /** A recording sent with the text instead of a photo (a reading in Tày or Nùng, say). */
  audio?: StoredAudio;
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
  /** Every send that went out, text-only ones included. */
  sent: number;
  /** Of `sent`, those whose photo or file could not go with the text (absent in older runs: 0). */
  textOnly?: number;
  failed: number;
  blocked: number;
}

/** The sends that arrived whole, photo or file included. */
export function receivedWhole(counts: Pick<RunCounts, "sent" | "textOnly">): number {
  return counts.sent - (counts.textOnly ?? 0);
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
  /** A recall asked for and under way: its deletions are in the outbox (`recallPurposeOf`). */
  recalling?: { at: string; by: string };
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

/** The outbox purpose of a broadcast's sends for one occurrence. */
export function runPurpose(
  broadcast: Pick<Broadcast, "id" | "schedule">,
  localDay: string,
): string {
  return broadcast.schedule.kind === "weekly"
    ? `broadcast:${broadcast.id}:${localDay}`
    : `broadcast:${broadcast.id}`;
}

/** The outbox purpose of the deletions that recall a run. */
export function recallPurposeOf(runPurpose: string): string {
  return `recall:${runPurpose}`;
}

/** The run a recall's purpose belongs to, or undefined when it is not a recall's. */
export function runPurposeOfRecall(purpose: string): string | undefined {
  return purpose.startsWith("recall:") ? purpose.slice("recall:".length) : undefined;
}

/** The broadcast id a purpose belongs to, or undefined when it is not a broadcast's. */
export function broadcastIdOfPurpose(purpose: string): string | undefined {
  const match = /^broadcast:([^:]+)(?::[^:]+)?$/.exec(purpose);
  return match?.[1];
}
