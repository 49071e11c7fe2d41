import { Agent, request as httpRequest } from "node:http";
import { badRequest } from "./api-error.js";
import type { EmulatorClock } from "./clock.js";
import type { Update, UpdateQueue } from "./update-queue.js";

/** The webhook as set with setWebhook. */
export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
}

/** How the emulator pushes updates to a webhook. */
export interface WebhookOptions {
  /** First wait after a failed delivery, doubled on each further failure (default 100 ms). */
  retryDelayMs?: number;
  /** Longest wait between retries (default 2000 ms). */
  maxRetryDelayMs?: number;
  /** How long the emulator waits for the bot's answer before it counts as failed and is redelivered (default 10 s). */
  timeoutMs?: number;
}

/** One POST of an update to the webhook. */
export interface WebhookAttempt {
  /** When it finished, in the emulator clock's epoch ms. */
  at: number;
  updateId: number;
  url: string;
  /** The X-Telegram-Bot-Api-Secret-Token header sent, if any. */
  secretToken?: string;
  /** The HTTP status the bot answered, if it answered. */
  status?: number;
  /** What went wrong, as getWebhookInfo's last_error_message would say it. */
  error?: string;
}

/** A method call the bot returned in its webhook answer (grammY's webhook reply). */
export type WebhookReplyHandler = (
  method: string,
  fields: Record<string, unknown>,
) => Promise<void>;

/**
 * Pushes waiting updates to the webhook by HTTP POST as Telegram does: up to `maxConnections`
 * at once, but never two of one chat, so that a chat's updates arrive in order while other
 * chats' go side by side. A failed update is retried with backoff until the bot answers 2xx;
 * its chat's later updates wait for it, other chats go on.
 */
export class WebhookDelivery {
  private current: WebhookConfig | undefined;
  private closed = false;
  private inFlight = 0;
  /** Lanes with a POST in flight or a retry waiting: nothing else of theirs may go meanwhile. */
  private readonly busy = new Set<string>();
  /** Consecutive failures of each lane, for its backoff. */
  private readonly failures = new Map<string, number>();
  /** Backoff timers of the lanes waiting to retry. */
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private readonly log: WebhookAttempt[] = [];
  private readonly listeners = new Set<(attempt: WebhookAttempt) => void>();
  // Its own agent, so closing the emulator also closes the kept-alive sockets to the bot.
  private readonly agent = new Agent({ keepAlive: true });
  /** When the last delivery failed (seconds), for getWebhookInfo. */
  lastErrorDate: number | undefined;
  /** Why the last delivery failed, for getWebhookInfo. */
  lastErrorMessage: string | undefined;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly clock: EmulatorClock,
    private readonly options: WebhookOptions,
    private readonly onReply: WebhookReplyHandler,
  ) {
    queue.onAvailable(() => this.kick());
  }

  /** The webhook in force, if any. */
  get config(): WebhookConfig | undefined {
    return this.current;
  }

  /** Every delivery attempt so far. */
  get attempts(): WebhookAttempt[] {
    return [...this.log];
  }

  /** Sets the webhook after Telegram's checks, and starts delivering (retrying failed ones now). */
  set(config: WebhookConfig): void {
    const url = parseLoopbackUrl(config.url);
    if (!url) {
      throw badRequest("bad webhook: the emulator delivers only to http://127.0.0.1 or localhost");
    }
    if (config.secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(config.secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    // Telegram takes max_connections from 1 to 100.
    const maxConnections = Math.min(100, Math.max(1, config.maxConnections));
    this.current = { ...config, maxConnections };
    this.cancelRetries();
    this.failures.clear();
    this.lastErrorDate = undefined;
    this.lastErrorMessage = undefined;
    this.kick();
  }

  /** Removes the webhook; updates wait for getUpdates again (POSTs in flight still finish). */
  clear(): void {
    this.current = undefined;
    this.cancelRetries();
  }

  /** Stops delivering for good. */
  close(): void {
    this.closed = true;
    this.clear();
    this.agent.destroy();
  }

  /** Subscribes to delivery attempts; returns the unsubscribe function. */
  onAttempt(listener: (attempt: WebhookAttempt) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts a POST for each waiting update whose lane is free, oldest first, while connections
   * remain. A lane passed over (busy, or its earlier update not sent) stays closed for the rest
   * of the scan, so a later update of a chat never overtakes an earlier one.
   */
  private kick(): void {
    const config = this.current;
    if (this.closed || !config) return;
    const closedLanes = new Set(this.busy);
    for (const update of this.queue.waiting()) {
      if (this.inFlight >= config.maxConnections) return;
      const lane = laneOf(update);
      if (closedLanes.has(lane)) continue;
      closedLanes.add(lane);
      void this.deliver(update, lane, config);
    }
  }

  private async deliver(update: Update, lane: string, config: WebhookConfig): Promise<void> {
    this.inFlight += 1;
    this.busy.add(lane);
    let retry = false;
    try {
      retry = !(await this.post(update, lane, config));
    } finally {
      this.inFlight -= 1;
      if (retry && !this.closed && this.current) this.retryLater(lane);
      else this.busy.delete(lane);
      this.kick();
    }
  }

  /** One POST of the update; whether the bot took it (its webhook reply, if any, executed). */
  private async post(update: Update, lane: string, config: WebhookConfig): Promise<boolean> {
    const result = await post(config, update, this.options.timeoutMs ?? 10_000, this.agent);
    const attempt: WebhookAttempt = {
      at: this.clock.now(),
      updateId: update.update_id,
      url: config.url,
      secretToken: config.secretToken,
      status: result.status,
      error: result.error,
    };
    this.log.push(attempt);
    if (result.error === undefined) {
      this.failures.delete(lane);
      this.queue.acknowledge(update);
      try {
        await this.replyFrom(result.body);
      } finally {
        for (const listener of this.listeners) listener(attempt);
      }
      return true;
    }
    for (const listener of this.listeners) listener(attempt);
    this.failures.set(lane, (this.failures.get(lane) ?? 0) + 1);
    this.lastErrorDate = Math.floor(this.clock.now() / 1000);
    this.lastErrorMessage = result.error;
    return false;
  }

  /** Keeps the lane closed for its backoff (doubling with each failure in a row), then reopens it. */
  private retryLater(lane: string): void {
    const failures = this.failures.get(lane) ?? 1;
    const base = this.options.retryDelayMs ?? 100;
    const delay = Math.min(base * 2 ** (failures - 1), this.options.maxRetryDelayMs ?? 2000);
    const timer = setTimeout(() => {
      this.retries.delete(lane);
      this.busy.delete(lane);
      this.kick();
    }, delay);
    this.retries.set(lane, timer);
  }

  private cancelRetries(): void {
    for (const [lane, timer] of this.retries) {
      clearTimeout(timer);
      this.busy.delete(lane);
    }
    this.retries.clear();
  }

  private async replyFrom(body: string): Promise<void> {
    if (!body) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof parsed !== "object" || parsed === null) return;
    const { method, ...fields } = parsed as Record<string, unknown>;
    if (typeof method === "string") await this.onReply(method, fields);
  }
}

/**
 * The lane an update travels in: its chat's (a message's, an edit's, a pressed button's
 * message's, a member change's), or one of its own for an update that belongs to no chat.
 */
function laneOf(update: Update): string {
  for (const [field, payload] of Object.entries(update)) {
    if (field === "update_id" || !isRecord(payload)) continue;
    const chat = isRecord(payload.chat)
      ? payload.chat
      : isRecord(payload.message) && isRecord(payload.message.chat)
        ? payload.message.chat
        : undefined;
    if (chat && typeof chat.id === "number") return `chat ${chat.id}`;
  }
  return `update ${update.update_id}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function parseLoopbackUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
    return url.protocol === "http:" && loopback ? url : undefined;
  } catch {
    return undefined;
  }
}

async function post(
  config: WebhookConfig,
  update: Update,
  timeoutMs: number,
  agent: Agent,
): Promise<{ status?: number; body: string; error?: string }> {
  const payload = Buffer.from(JSON.stringify(update));
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "content-length": payload.length,
    };
    if (config.secretToken) headers["x-telegram-bot-api-secret-token"] = config.secretToken;
    const req = httpRequest(config.url, { method: "POST", headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", () =>
        resolve({ status: res.statusCode, body: "", error: "Connection reset by peer" }),
      );
      res.on("end", () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).toString("utf8");
        const ok = status >= 200 && status < 300;
        resolve({
          status,
          body,
          error: ok
            ? undefined
            : `Wrong response from the webhook: ${status} ${res.statusMessage ?? ""}`.trim(),
        });
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ body: "", error: "Read timeout expired" });
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({
        body: "",
        error:
          error.code === "ECONNREFUSED"
            ? "Connection refused"
            : error.message || "Connection error",
      });
    });
    req.end(payload);
  });
}
