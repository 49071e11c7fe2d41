import type { QuietHours } from "../config.js";
import type { Outbound } from "../messaging/outbound.js";
import type {
  OutboxDeletion,
  OutboxItem,
  OutboxProgress,
  OutboxState,
} from "../store/outbox-repository.js";
import type { Store } from "../store/store.js";
import { nextAllowedInstant } from "./quiet-hours.js";
import { toStoredOutbound } from "./stored-message.js";

/** A proactive message a feature wants delivered to one member. */
export interface EnqueueRequest {
  /**
   * What makes the send happen at most once, even if the feature runs again after a restart:
   * e.g. `broadcast:42:m-17`, `reminder:2026-W48:fri:m-17`, `summary:2026-W48:m-3`.
   */
  key: string;
  /** The batch it belongs to, for progress and the completion report (e.g. `broadcast:42`). */
  purpose: string;
  memberId: string;
  message: Outbound;
  /** Sent even inside quiet hours. */
  urgent?: boolean;
  /** Not before this instant (a scheduled broadcast); default now. */
  notBefore?: Date;
}

/** What became of an enqueue request. */
export interface EnqueueResult {
  key: string;
  /** False when the key was already in the outbox: nothing new will be sent. */
  created: boolean;
  state: OutboxState;
  /** When it will be sent at the earliest (after quiet hours, if it fell in them). */
  notBefore: string;
}

/** What the outbox needs. */
export interface OutboxDeps {
  store: Pick<Store, "outbox">;
  now: () => Date;
  quietHours: QuietHours | null;
  timeZone: string;
}

/**
 * The one way a proactive message leaves (reminders, summaries, broadcasts): features
 * enqueue here and the DeliveryWorker sends, on the channel each member used last. The chat
 * is chosen at send time, not now, so a member who moves to another channel meanwhile is
 * still reached; opting out is the caller's business.
 */
export class Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: OutboxDeps) {}

  /** Queues one message; enqueueing an existing key changes nothing. */
  async enqueue(request: EnqueueRequest): Promise<EnqueueResult> {
    const [result] = await this.enqueueMany([request]);
    if (!result) throw new Error("enqueue returned nothing");
    return result;
  }

  /**
   * Queues many messages in one write; recipients given the same Outbound object (a
   * broadcast) share one stored copy of it.
   */
  async enqueueMany(requests: readonly EnqueueRequest[]): Promise<EnqueueResult[]> {
    if (requests.length === 0) return [];
    const { outbox } = this.deps.store;
    const now = this.deps.now();
    // Saved together, so that 2,000 personal reminders share a few file writes.
    const messages = [...new Set(requests.map((request) => request.message))];
    const ids = await Promise.all(
      messages.map((message) => outbox.savePayload(toStoredOutbound(message))),
    );
    const payloadIds = new Map(messages.map((message, i) => [message, ids[i] as string]));
    const stored = await outbox.enqueue(
      requests.map((request) => {
        const due = request.notBefore && request.notBefore > now ? request.notBefore : now;
        const allowed = request.urgent
          ? due
          : nextAllowedInstant(due, this.deps.quietHours, this.deps.timeZone);
        return {
          key: request.key,
          purpose: request.purpose,
          memberId: request.memberId,
          payloadId: payloadIds.get(request.message) as string,
          urgent: request.urgent ?? false,
          notBefore: allowed.toISOString(),
        };
      }),
      now.toISOString(),
    );
    if (stored.some((result) => result.created)) for (const listener of this.listeners) listener();
    return stored.map(({ item, created }) => ({
      key: item.key,
      created,
      state: item.state,
      notBefore: item.notBefore,
    }));
  }

  /**
   * Queues deletions of sent messages (a recall), paced and retried by the delivery worker
   * like sends, at once and whatever the hour (a deletion notifies nobody); an existing key
   * changes nothing. Returns how many were new.
   */
  async enqueueDeletions(
    requests: readonly {
      key: string;
      purpose: string;
      memberId: string;
      deletion: OutboxDeletion;
    }[],
  ): Promise<number> {
    if (requests.length === 0) return 0;
    const now = this.deps.now().toISOString();
    const stored = await this.deps.store.outbox.enqueue(
      requests.map((request) => ({ ...request, payloadId: "", urgent: true, notBefore: now })),
      now,
    );
    const created = stored.filter((result) => result.created).length;
    if (created > 0) for (const listener of this.listeners) listener();
    return created;
  }

  /** How a batch stands: counts per state. */
  progress(purpose: string): Promise<OutboxProgress> {
    return this.deps.store.outbox.progress(purpose);
  }

  /** Stops a batch (a broadcast withdrawn): what is still queued is not sent; returns how many. */
  cancel(purpose: string): Promise<number> {
    return this.deps.store.outbox.cancel(purpose, this.deps.now().toISOString());
  }

  /** Every send of a batch, with its state, chat and message ids. */
  list(purpose: string): Promise<OutboxItem[]> {
    return this.deps.store.outbox.list(purpose);
  }

  /** Calls `listener` whenever something new was queued (the worker wakes up); returns the unsubscribe. */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
