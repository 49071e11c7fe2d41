import { conflict } from "./api-error.js";

/** A Bot API Update: its id and exactly one payload field (message, callback_query, ...). */
export type Update = { update_id: number } & Record<string, unknown>;

/** Update types Telegram leaves out unless asked for by name in allowed_updates. */
const OPT_IN_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

interface Poller {
  limit: number;
  resolve: (updates: Update[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** What `getUpdates` asked for. */
export interface PollRequest {
  offset?: number;
  limit: number;
  timeoutSeconds: number;
  allowedUpdates?: string[];
}

/**
 * The bot's unconfirmed updates, as Telegram keeps them: handed out by getUpdates until an
 * offset confirms them, or pushed to the webhook until it answers 2xx.
 */
export class UpdateQueue {
  private nextUpdateId: number;
  private pending: Update[] = [];
  private redeliveries: Update[] = [];
  private readonly history = new Map<number, Update>();
  private allowed: Set<string> | undefined;
  private poller: Poller | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly confirmListeners = new Set<() => void>();

  constructor(firstUpdateId = 1) {
    this.nextUpdateId = firstUpdateId;
  }

  /** Adds an update (assigning its id); dropped and undefined when its type is not allowed. */
  enqueue(payload: Record<string, unknown>): Update | undefined {
    const type = Object.keys(payload).find((key) => key !== "update_id");
    if (type && !this.isAllowed(type)) return undefined;
    const update_id = typeof payload.update_id === "number" ? payload.update_id : this.nextUpdateId;
    this.nextUpdateId = Math.max(this.nextUpdateId, update_id + 1);
    const update: Update = { ...payload, update_id };
    this.history.set(update_id, update);
    this.pending.push(update);
    this.pending.sort((a, b) => a.update_id - b.update_id);
    this.notify();
    return update;
  }

  /** Delivers an update again with the same update_id, even if already confirmed (at-least-once delivery). */
  redeliver(updateId: number): Update {
    const update = this.history.get(updateId);
    if (!update) throw new Error(`No update ${updateId} was ever created`);
    this.redeliveries.push(update);
    this.notify();
    return update;
  }

  /** The update with this id, as first created. */
  updateById(updateId: number): Update | undefined {
    return this.history.get(updateId);
  }

  /** Every update ever created, in order. */
  allUpdates(): Update[] {
    return [...this.history.values()].sort((a, b) => a.update_id - b.update_id);
  }

  /** Forgets every unconfirmed update (drop_pending_updates). */
  dropPending(): void {
    this.pending = [];
    this.redeliveries = [];
  }

  /** How many updates wait for confirmation. */
  get pendingCount(): number {
    return this.pending.length + this.redeliveries.length;
  }

  /** The updates waiting to be pushed to a webhook, in the order to push them (redeliveries first). */
  waiting(): Update[] {
    return [...this.redeliveries, ...this.pending];
  }

  /**
   * Confirms one update delivered to the webhook. Deliveries finish in any order: confirming
   * one leaves earlier ones of other chats waiting, so getUpdates would still hand them out.
   */
  acknowledge(update: Update): void {
    const index = this.redeliveries.indexOf(update);
    if (index >= 0) this.redeliveries.splice(index, 1);
    else this.pending = this.pending.filter((u) => u.update_id !== update.update_id);
    this.notifyConfirmed();
  }

  /**
   * Whether the bot has confirmed this update: a later getUpdates offset passed it, or the
   * webhook answered 2xx. A bot that handles updates in order confirms one only once handled.
   */
  isConfirmed(updateId: number): boolean {
    return (
      this.history.has(updateId) &&
      !this.pending.some((u) => u.update_id === updateId) &&
      !this.redeliveries.some((u) => u.update_id === updateId)
    );
  }

  /** Subscribes to "the bot confirmed updates"; returns the unsubscribe function. */
  onConfirmed(listener: () => void): () => void {
    this.confirmListeners.add(listener);
    return () => this.confirmListeners.delete(listener);
  }

  /** Sets allowed_updates; an empty list or undefined means Telegram's default. */
  setAllowedUpdates(types: string[] | undefined): void {
    this.allowed = types && types.length > 0 ? new Set(types) : undefined;
  }

  /** The allowed_updates in force, as getWebhookInfo reports them. */
  get allowedUpdates(): string[] | undefined {
    return this.allowed ? [...this.allowed] : undefined;
  }

  /**
   * Long polling like getUpdates: confirms by offset, answers at once if anything is waiting,
   * else waits up to the timeout. A newer poll terminates a waiting one with 409, as Telegram does.
   */
  poll(request: PollRequest, signal: AbortSignal): Promise<Update[]> {
    this.terminatePoller(
      conflict(
        "terminated by other getUpdates request; make sure that only one bot instance is running",
      ),
    );
    if (request.allowedUpdates !== undefined) this.setAllowedUpdates(request.allowedUpdates);
    this.confirm(request.offset);
    const ready = this.take(request.limit);
    if (ready.length > 0 || request.timeoutSeconds <= 0 || signal.aborted) {
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const poller: Poller = {
        limit: request.limit,
        resolve,
        reject,
        timer: setTimeout(() => this.finishPoller(poller, []), request.timeoutSeconds * 1000),
      };
      signal.addEventListener("abort", () => this.finishPoller(poller, []), { once: true });
      this.poller = poller;
    });
  }

  /** Answers a waiting poll with an error (used at shutdown and for conflicts). */
  terminatePoller(error: Error): void {
    const poller = this.poller;
    if (!poller) return;
    this.poller = undefined;
    clearTimeout(poller.timer);
    poller.reject(error);
  }

  /** Subscribes to "an update is waiting"; returns the unsubscribe function. */
  onAvailable(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private isAllowed(type: string): boolean {
    return this.allowed ? this.allowed.has(type) : !OPT_IN_TYPES.has(type);
  }

  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    else this.pending = this.pending.slice(offset);
    this.notifyConfirmed();
  }

  private notifyConfirmed(): void {
    for (const listener of this.confirmListeners) listener();
  }

  private take(limit: number): Update[] {
    const fromRedeliveries = this.redeliveries.splice(0, limit);
    return [...fromRedeliveries, ...this.pending.slice(0, limit - fromRedeliveries.length)];
  }

  private finishPoller(poller: Poller, updates: Update[]): void {
    if (this.poller !== poller) return;
    this.poller = undefined;
    clearTimeout(poller.timer);
    poller.resolve(updates);
  }

  private notify(): void {
    const poller = this.poller;
    if (poller) {
      const ready = this.take(poller.limit);
      if (ready.length > 0) this.finishPoller(poller, ready);
    }
    for (const listener of this.listeners) listener();
  }
}
