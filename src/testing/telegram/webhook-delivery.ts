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
 * Pushes waiting updates one at a time to the webhook by HTTP POST, in order, retrying with
 * backoff until the bot answers 2xx, as Telegram does.
 */
export class WebhookDelivery {
  private current: WebhookConfig | undefined;
  private running = false;
  private closed = false;
  private failures = 0;
  private wakeUp: (() => void) | undefined;
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

  /** Sets the webhook after Telegram's checks, and starts delivering. */
  set(config: WebhookConfig): void {
    const url = parseLoopbackUrl(config.url);
    if (!url) {
      throw badRequest("bad webhook: the emulator delivers only to http://127.0.0.1 or localhost");
    }
    if (config.secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(config.secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    this.current = config;
    this.failures = 0;
    this.lastErrorDate = undefined;
    this.lastErrorMessage = undefined;
    this.kick();
  }

  /** Removes the webhook; updates wait for getUpdates again. */
  clear(): void {
    this.current = undefined;
    this.wakeUp?.();
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

  private kick(): void {
    if (this.running || this.closed || !this.current) return;
    this.running = true;
    void this.deliverAll().finally(() => {
      this.running = false;
    });
  }

  private async deliverAll(): Promise<void> {
    while (!this.closed && this.current) {
      const update = this.queue.peek();
      if (!update) return;
      const config = this.current;
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
        this.failures = 0;
        this.queue.acknowledge(update);
        await this.replyFrom(result.body);
        for (const listener of this.listeners) listener(attempt);
        continue;
      }
      for (const listener of this.listeners) listener(attempt);
      this.failures += 1;
      this.lastErrorDate = Math.floor(this.clock.now() / 1000);
      this.lastErrorMessage = result.error;
      const base = this.options.retryDelayMs ?? 100;
      const delay = Math.min(base * 2 ** (this.failures - 1), this.options.maxRetryDelayMs ?? 2000);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
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
