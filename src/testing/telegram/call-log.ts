/** How a call ended, as the client experienced it. */
export type CallOutcome =
  | "ok"
  | "reset-before"
  | "reset-after"
  | "400"
  | "401"
  | "403"
  | "404"
  | "409"
  | "429"
  | "5xx";

/** One Bot API call as the emulator saw it. */
export interface CallRecord {
  /** Order of arrival, from 1. */
  seq: number;
  /** When it was answered, in the emulator clock's epoch milliseconds. */
  at: number;
  /** The method name as Telegram spells it (e.g. "sendMessage"). */
  method: string;
  /** The chat_id parameter, if any. */
  chatId?: number | string;
  /** How it ended. */
  outcome: CallOutcome;
  /** Whether the outcome was injected by the fault plan rather than earned (e.g. a real rate limit). */
  injected: boolean;
  /** HTTP status sent, when one was sent. */
  errorCode?: number;
  /** Telegram's error description, for errors. */
  description?: string;
  /** retry_after of a 429. */
  retryAfter?: number;
  /** The message created or changed (for reset-after: the one the client never heard about). */
  messageId?: number;
  /** All messages created, for sendMediaGroup. */
  messageIds?: number[];
  /** The parameters as received (files replaced by their names). */
  params: Record<string, unknown>;
  /** "http" for a normal request, "webhook-reply" for a method returned in a webhook answer. */
  via: "http" | "webhook-reply";
}

/** What to select calls by; every given field must match. */
export interface CallFilter {
  method?: string;
  chatId?: number | string;
  outcome?: CallOutcome;
}

/** Every call in order, for tests to assert on. */
export class CallLog {
  private readonly records: CallRecord[] = [];
  private readonly listeners = new Set<(record: CallRecord) => void>();

  /** Appends a call and tells listeners. */
  record(record: Omit<CallRecord, "seq">): CallRecord {
    const full: CallRecord = { ...record, seq: this.records.length + 1 };
    this.records.push(full);
    for (const listener of this.listeners) listener(full);
    return full;
  }

  /** The calls matching the filter, oldest first. */
  calls(filter: CallFilter = {}): CallRecord[] {
    return this.records.filter(
      (r) =>
        (filter.method === undefined || r.method === filter.method) &&
        (filter.chatId === undefined || r.chatId === filter.chatId) &&
        (filter.outcome === undefined || r.outcome === filter.outcome),
    );
  }

  /** Subscribes to new calls; returns the unsubscribe function. */
  onRecord(listener: (record: CallRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
