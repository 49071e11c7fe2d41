import type { Channel } from "../domain/member.js";
import type { Choice } from "../messaging/outbound.js";

/**
 * Where a proactive send stands:
 * - `queued`: waiting for its time (`notBefore`) and a worker;
 * - `sending`: claimed by a worker under a lease; after a crash it is unknown whether it arrived;
 * - `sent`: delivered (every part's message id recorded), never sent again;
 * - `failed`: given up (retries exhausted, or a request the platform refuses);
 * - `blocked`: the member cannot be reached on any channel (blocked the bot, chat gone).
 */
export type OutboxState = "queued" | "sending" | "sent" | "failed" | "blocked";

/** Every state, in ledger order. */
export const OUTBOX_STATES = ["queued", "sending", "sent", "failed", "blocked"] as const;

/**
 * A message as the outbox keeps it: an Outbound whose file bytes travel as base64, so the
 * port stays plain JSON (the CLI reaches the store over a JSON socket).
 */
export interface StoredOutbound {
  text: string;
  choices?: Choice[][];
  choiceMode?: "single" | "multi";
  bold?: string[];
  file?: {
    kind: "photo" | "document" | "audio";
    fileName: string;
    mimeType: string;
    base64: string;
    seconds?: number;
  };
}

/**
 * A "delete these sent messages" item (a recall): the chat and the platform's ids of the
 * parts a delivery sent there. Such an item has no payload; its `messageIds` count the parts
 * deleted so far, and it ends `sent` once all are gone, `failed` when the platform refuses or
 * cannot delete (reason `not-possible-on-platform`).
 */
export interface OutboxDeletion {
  channel: Channel;
  chatId: string;
  messageIds: string[];
}

/** One proactive message to one member, keyed so that it is sent at most once. */
export interface OutboxItem {
  /** Unique: what makes enqueueing idempotent (e.g. `broadcast:42:m-17`). */
  key: string;
  /**
   * The enqueue sequence, growing with every item a store queues: the order of items queued
   * in the same millisecond. Absent only on items of a backup older than it.
   */
  seq?: number;
  /** What the send is for, shared by a batch (e.g. `broadcast:42`, `reminder:2026-W48:fri`). */
  purpose: string;
  memberId: string;
  /** The stored message (content-addressed: recipients of one broadcast share it); "" for a deletion. */
  payloadId: string;
  /** Present on an item that deletes sent messages instead of sending one. */
  deletion?: OutboxDeletion;
  /** Urgent sends ignore quiet hours. */
  urgent: boolean;
  state: OutboxState;
  /** Not to be sent before this instant (ISO): schedule, quiet hours, backoff. */
  notBefore: string;
  /** Failed attempts so far (transient errors), for the backoff and its limit. */
  attempts: number;
  /** The claim of the worker sending it, while `sending`. */
  lease?: { id: string; until: string };
  /** The chat chosen at send time (the identity used last); kept once a part has gone out. */
  channel?: Channel;
  chatId?: string;
  /** The platform's id of every part sent so far, in order. */
  messageIds: string[];
  /** Why it failed, was blocked, or why the last attempt did not succeed. */
  reason?: string;
  /** Times it was found `sending` after a crash and queued again. */
  recoveries?: number;
  createdAt: string;
  updatedAt: string;
  /** When a worker first claimed it. */
  firstClaimedAt?: string;
  /** When it reached `sent`, `failed` or `blocked`. */
  finishedAt?: string;
  /** Sent, but its photo or file could not go with it (Zalo without `PUBLIC_URL`). */
  textOnly?: boolean;
}

/** What a feature asks the outbox to send. */
export interface NewOutboxItem {
  key: string;
  purpose: string;
  memberId: string;
  payloadId: string;
  deletion?: OutboxDeletion;
  urgent?: boolean;
  /** ISO instant; already moved past quiet hours by the caller when not urgent. */
  notBefore: string;
}

/** How a batch of sends stands, for progress reports. */
export interface OutboxProgress extends Record<OutboxState, number> {
  purpose: string;
  total: number;
  /** Of the `sent`, those whose photo or file could not go with the text. */
  textOnly: number;
  /** When the first of them was claimed by a worker. */
  startedAt?: string;
  /** When the last of them finished, once none is queued or sending. */
  finishedAt?: string;
}

/** What one prune of the outbox forgot. */
export interface OutboxPruneResult {
  /** Ended sends removed from the ledger. */
  items: number;
  /** Purposes whose counts were folded into their kept summary. */
  purposes: number;
  /** Stored messages no remaining send refers to. */
  payloads: number;
  /** Files under `$DATA_DIR/files/` no remaining message refers to. */
  files: number;
}

/** The end of a claimed send. */
/** One part of a message that went out: where, and the platform's id for it. */
export interface SentPart {
  channel: Channel;
  chatId: string;
  messageId: string;
}

export type OutboxOutcome =
  | { state: "sent"; textOnly?: boolean }
  | { state: "failed"; reason: string }
  | { state: "blocked"; reason: string };

/** A claimed send that did not finish now and goes back to the queue. */
export interface OutboxRetry {
  notBefore: string;
  /** Failed attempts after this one (unchanged when the send was only deferred). */
  attempts: number;
  reason?: string;
  /** Forget the chosen chat (e.g. it turned out unreachable and another identity will be tried). */
  clearChannel?: boolean;
}

/**
 * The outbox: a persisted ledger of proactive sends. Designed for several workers: `claim`
 * is atomic and leases what it hands out (PostgreSQL: `FOR UPDATE SKIP LOCKED`), and every
 * change to a claimed item names the lease, so a worker whose lease was taken over changes
 * nothing.
 */
export interface OutboxRepository {
  /** Stores a message once and returns its id (the same content always gets the same id). */
  savePayload(message: StoredOutbound): Promise<string>;
  /** A stored message, with its file bytes. */
  payload(payloadId: string): Promise<StoredOutbound | undefined>;
  /**
   * Adds sends; a key already present is left as it is and returned (`created: false`),
   * so enqueueing twice sends once.
   */
  enqueue(items: NewOutboxItem[], now: string): Promise<{ item: OutboxItem; created: boolean }[]>;
  /**
   * Hands out up to `limit` queued items due at `now` (urgent first, then in the order queued),
   * marked `sending` under a fresh lease until `now + leaseMs`. Persisted before it resolves.
   * At most one item per member is ever `sending`: of a member's items it hands out only the
   * first in queue order, and none while an earlier one is being sent or waits for its retry
   * (see `nextInLine`), so one person's messages arrive in the order queued.
   */
  claim(request: { now: string; limit: number; leaseMs: number }): Promise<OutboxItem[]>;
  /** Records one more part sent (its message id) on the chosen chat; false if the lease is lost. */
  recordPart(key: string, leaseId: string, part: SentPart, now: string): Promise<boolean>;
  /**
   * Ends a claimed send; false if the lease is lost. `lastPart`, the part whose sending ended
   * it, is recorded in the same change: one write after the call instead of two, as a message
   * of one part (nearly every send of a broadcast) has nothing to keep between them.
   */
  finish(
    key: string,
    leaseId: string,
    outcome: OutboxOutcome,
    now: string,
    lastPart?: SentPart,
  ): Promise<boolean>;
  /** Puts a claimed send back in the queue; false if the lease is lost. */
  release(key: string, leaseId: string, retry: OutboxRetry, now: string): Promise<boolean>;
  /**
   * Puts sends left `sending` back in the queue and returns them: at start-up, `all` (the
   * single owner of the data knows any `sending` item belongs to a dead process); with several
   * instances, `expired` (leases past their time).
   */
  recover(now: string, scope: "all" | "expired"): Promise<OutboxItem[]>;
  /**
   * Stops a batch: its queued sends become `failed` with reason "cancelled" and returns how
   * many; those already in flight still finish.
   */
  cancel(purpose: string, now: string): Promise<number>;
  get(key: string): Promise<OutboxItem | undefined>;
  /** Every send of a purpose. */
  list(purpose: string): Promise<OutboxItem[]>;
  /** Counts per state of a purpose. */
  progress(purpose: string): Promise<OutboxProgress>;
  /**
   * The earliest `notBefore` among queued items next in line (see `nextDueOf` of the
   * transitions), to know how long to sleep: items held back behind a send in flight do not
   * count.
   */
  nextDue(): Promise<string | undefined>;
  /**
   * Forgets sends that ended (sent, failed, blocked) before `finishedBefore`, never a queued
   * or sending one: their counts stay in `progress` of their purpose, their message and file
   * go once nothing left refers to them. Idempotent; a crash midway is finished by the next.
   */
  prune(finishedBefore: string): Promise<OutboxPruneResult>;
}
