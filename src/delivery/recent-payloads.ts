import type { Outbound } from "../messaging/outbound.js";
import type { OutboxRepository } from "../store/outbox-repository.js";
import { fromStoredOutbound } from "./stored-message.js";

/** How many decoded messages are kept: enough for the few batches in progress. */
const KEPT = 32;

/**
 * The messages of the batches in progress, decoded once: a broadcast's photo is read once,
 * not 2,000 times. The least recently used goes first; a read that failed is read again.
 */
export class RecentPayloads {
  private readonly kept = new Map<string, Promise<Outbound | undefined>>();

  constructor(private readonly outbox: Pick<OutboxRepository, "payload">) {}

  get(payloadId: string): Promise<Outbound | undefined> {
    let cached = this.kept.get(payloadId);
    if (cached) {
      this.kept.delete(payloadId);
    } else {
      cached = this.outbox
        .payload(payloadId)
        .then((stored) => (stored ? fromStoredOutbound(stored) : undefined));
      cached.catch(() => this.kept.delete(payloadId));
    }
    this.kept.set(payloadId, cached);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return cached;
  }
}
