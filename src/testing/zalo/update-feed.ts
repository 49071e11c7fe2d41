import { ZALO_SECRET_HEADER } from "../../channels/zalo/limits.js";
import { BareNumber, stringifyWithBareNumbers } from "./bare-json.js";
import { isLoopbackUrl } from "./loopback.js";

/** An update as the emulator keeps it: Zalo's wire shape with every id a string. */
export interface EmulatedUpdate {
  event_name: string;
  message: {
    message_id: string;
    date: number;
    from: { id: string; display_name: string; is_bot: boolean };
    chat: { id: string; chat_type: string };
    text?: string;
    photo_url?: string;
    photo?: string;
    caption?: string;
    sticker?: string;
  };
}

/** One attempt to POST an update to the webhook. */
export interface ZaloWebhookDelivery {
  at: number;
  messageId: string;
  url: string;
  /** The webhook's HTTP status, when it answered. */
  status?: number;
  /** Why it was not delivered, when it was not. */
  error?: string;
}

/** How updates leave the feed; read at each delivery, so tests can switch mid-run. */
export interface UpdateFeedSettings {
  webhookBody: "wrapped" | "bare";
  bareNumericIds: boolean;
}

interface PollWaiter {
  resolve(update: EmulatedUpdate | undefined): void;
}

/** Updates on their way to the bot: queued for getUpdates, or posted to the webhook. */
export class UpdateFeed {
  webhook: { url: string; secretToken: string } | undefined;
  readonly deliveries: ZaloWebhookDelivery[] = [];
  readonly #queue: EmulatedUpdate[] = [];
  readonly #waiters: PollWaiter[] = [];
  readonly #published = new Map<string, EmulatedUpdate>();
  readonly #closing = new AbortController();
  /** Handed to a poll, not yet known to be handled. */
  readonly #handedOut = new Set<string>();
  readonly #handled = new Set<string>();
  readonly #handledListeners = new Set<() => void>();

  /**
   * @param settings the current delivery settings
   * @param now the emulator's clock
   */
  constructor(
    private readonly settings: () => UpdateFeedSettings,
    private readonly now: () => Date,
  ) {}

  /** Hands a new update on (see {@link deliver}) and remembers it for redelivery. */
  publish(update: EmulatedUpdate): Promise<void> {
    this.#published.set(update.message.message_id, update);
    return this.deliver(update);
  }

  /** Hands the update with this message id on once more, unchanged. */
  redeliver(messageId: string): Promise<void> {
    const update = this.#published.get(messageId);
    if (!update) throw new Error(`no update with message id ${messageId}`);
    return this.deliver(update);
  }

  /** The update as it goes on the wire (ids as bare numbers when that setting is on). */
  wire(update: EmulatedUpdate): unknown {
    if (!this.settings().bareNumericIds) return update;
    const bare = (id: string): string | BareNumber => (/^\d+$/.test(id) ? new BareNumber(id) : id);
    const { message } = update;
    return {
      ...update,
      message: {
        ...message,
        from: { ...message.from, id: bare(message.from.id) },
        chat: { ...message.chat, id: bare(message.chat.id) },
      },
    };
  }

  /**
   * Waits up to `waitMs` for ONE update; resolves `undefined` when none came. A waiter whose
   * client has gone (`signal` aborted) is dropped, so no update is handed to a dead connection.
   */
  poll(waitMs: number, signal: AbortSignal): Promise<EmulatedUpdate | undefined> {
    // The bot polls again only once it has handled what the last poll brought.
    this.#markHandled([...this.#handedOut]);
    this.#handedOut.clear();
    if (signal.aborted) return Promise.resolve(undefined);
    const queued = this.#queue.shift();
    if (queued) {
      this.#handedOut.add(queued.message.message_id);
      return Promise.resolve(queued);
    }
    return new Promise((resolve) => {
      const finish = (update: EmulatedUpdate | undefined): void => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        this.#closing.signal.removeEventListener("abort", onAbort);
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        resolve(update);
      };
      const waiter: PollWaiter = { resolve: finish };
      const onAbort = (): void => finish(undefined);
      const timer = setTimeout(() => finish(undefined), waitMs);
      signal.addEventListener("abort", onAbort);
      this.#closing.signal.addEventListener("abort", onAbort);
      this.#waiters.push(waiter);
    });
  }

  /**
   * Whether the bot has finished with this update: it polled again after getting it, or the
   * webhook answered its post.
   */
  isHandled(messageId: string): boolean {
    return this.#handled.has(messageId);
  }

  /** Subscribes to "the bot finished with updates"; returns the unsubscribe function. */
  onHandled(listener: () => void): () => void {
    this.#handledListeners.add(listener);
    return () => this.#handledListeners.delete(listener);
  }

  #markHandled(messageIds: string[]): void {
    if (messageIds.length === 0) return;
    for (const id of messageIds) this.#handled.add(id);
    for (const listener of this.#handledListeners) listener();
  }

  /** How many updates wait for a getUpdates call. */
  pending(): number {
    return this.#queue.length;
  }

  /** Ends all waiting: polls return nothing, webhook posts are abandoned. */
  close(): void {
    this.#closing.abort();
  }

  private async deliver(update: EmulatedUpdate): Promise<void> {
    const messageId = update.message.message_id;
    this.#handled.delete(messageId);
    if (this.webhook) {
      await this.post(update, this.webhook);
      this.#markHandled([messageId]);
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#handedOut.add(messageId);
      waiter.resolve(update);
    } else this.#queue.push(update);
  }

  private async post(
    update: EmulatedUpdate,
    webhook: { url: string; secretToken: string },
  ): Promise<void> {
    const delivery: ZaloWebhookDelivery = {
      at: this.now().getTime(),
      messageId: update.message.message_id,
      url: webhook.url,
    };
    this.deliveries.push(delivery);
    if (!isLoopbackUrl(webhook.url)) {
      // The emulator never leaves this machine; a public webhook only records the attempt.
      delivery.error = "not delivered: the emulator posts to loopback URLs only";
      return;
    }
    const wire = this.wire(update);
    const body = this.settings().webhookBody === "bare" ? wire : { ok: true, result: wire };
    try {
      const response = await fetch(webhook.url, {
        method: "POST",
        headers: { "content-type": "application/json", [ZALO_SECRET_HEADER]: webhook.secretToken },
        body: stringifyWithBareNumbers(body),
        signal: AbortSignal.any([this.#closing.signal, AbortSignal.timeout(10_000)]),
      });
      delivery.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
  }
}
