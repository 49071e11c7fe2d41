import type { AddressInfo } from "node:net";
import { type BotCommand, BotProfile, type CommandScope } from "./bot-profile.js";
import { type CallFilter, CallLog, type CallRecord } from "./call-log.js";
import { type CallbackAnswer, CallbackQueries } from "./callback-queries.js";
import { ChatStore, type ChatType } from "./chat-store.js";
import { type ChatMessageView, viewOf } from "./chat-view.js";
import { type EmulatorClock, systemClock } from "./clock.js";
import { MethodDispatcher, WEBHOOK_CLIENT } from "./dispatcher.js";
import { TelegramUser, type UserProfile } from "./driver.js";
import type { EmulatorState, UnknownChatPolicy } from "./emulator-state.js";
import { FaultInjector, type FaultOptions } from "./faults.js";
import { FileStore, type StoredFile } from "./file-store.js";
import { createEmulatorServer } from "./http-server.js";
import { RateLimiter, type RateLimitOptions } from "./rate-limits.js";
import { type Update, UpdateQueue } from "./update-queue.js";
import {
  type WebhookAttempt,
  type WebhookConfig,
  WebhookDelivery,
  type WebhookOptions,
} from "./webhook-delivery.js";

/** How to set up an emulated Telegram. */
export interface TelegramEmulatorOptions {
  /** The bot token it accepts (default "7000000001:AAEmulatorTestTokenChungSuc0000000000"); others get 401. */
  token?: string;
  /** The bot's public profile (its id is the token's number). */
  bot?: { firstName?: string; username?: string };
  /** Time for message dates, the call log and the 48-hour delete rule (default: the wall clock). */
  clock?: EmulatorClock;
  /** Telegram-like limits (default: 30/s bulk, 1/s per chat with burst 3, 20/min per group); `false` turns them off. */
  rateLimits?: RateLimitOptions | false;
  /** Seeded fault injection (default: none). */
  faults?: FaultOptions;
  /** Sends to never-seen chat ids: Telegram's "chat not found" (default), or create the chat. */
  unknownChats?: UnknownChatPolicy;
  /** Webhook retry and timeout settings. */
  webhook?: WebhookOptions;
  /** The first update_id handed out (default 1). */
  firstUpdateId?: number;
}

const DEFAULT_TOKEN = "7000000001:AAEmulatorTestTokenChungSuc0000000000";

/** A running emulated Telegram Bot API server for one bot, with a driver for its users. */
export class TelegramEmulator {
  /** The base URL to give grammY as `client.apiRoot`, e.g. `http://127.0.0.1:40123`. */
  readonly apiRoot: string;

  private constructor(
    private readonly state: EmulatorState,
    private readonly server: ReturnType<typeof createEmulatorServer>,
    port: number,
    private readonly log: CallLog,
  ) {
    this.apiRoot = `http://127.0.0.1:${port}`;
  }

  /** Starts an emulator on 127.0.0.1 at a random free port. */
  static async start(options: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
    const token = options.token ?? DEFAULT_TOKEN;
    const botId = Number(token.split(":")[0]);
    if (!Number.isInteger(botId) || botId <= 0)
      throw new Error("A bot token starts with the bot's numeric id and a colon");
    const clock = options.clock ?? systemClock;
    const chats = new ChatStore(clock);
    const botUser = chats.declareUser({
      id: botId,
      isBot: true,
      firstName: options.bot?.firstName ?? "Chung Sức (test)",
      username: options.bot?.username ?? "chung_suc_test_bot",
    });
    const log = new CallLog();
    const updates = new UpdateQueue(options.firstUpdateId ?? 1);
    const holder: { dispatcher?: MethodDispatcher } = {};
    const state: EmulatorState = {
      token,
      clock,
      bot: new BotProfile(botUser),
      chats,
      files: new FileStore(),
      updates,
      webhook: new WebhookDelivery(
        updates,
        clock,
        options.webhook ?? {},
        async (method, fields) => {
          await holder.dispatcher?.dispatch(
            method,
            { fields, files: new Map() },
            WEBHOOK_CLIENT,
            "webhook-reply",
          );
        },
      ),
      limits: new RateLimiter(options.rateLimits ?? {}),
      faults: new FaultInjector(options.faults ?? {}),
      callbacks: new CallbackQueries(),
      unknownChats: options.unknownChats ?? "chat-not-found",
    };
    const dispatcher = new MethodDispatcher(state, log);
    holder.dispatcher = dispatcher;
    const server = createEmulatorServer(state, dispatcher);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new TelegramEmulator(state, server, port, log);
  }

  /** The token the emulator accepts. */
  get token(): string {
    return this.state.token;
  }

  /** The bot as getMe describes it. */
  get botInfo(): { id: number; username: string; firstName: string } {
    const bot = this.state.bot.user;
    return { id: bot.id, username: bot.username ?? "", firstName: bot.firstName };
  }

  /** The clock the emulator dates messages and calls with. */
  get clock(): EmulatorClock {
    return this.state.clock;
  }

  /** A user to act as (created on first use; the same id gives the same person). */
  user(profile: UserProfile): TelegramUser {
    const stored = this.state.chats.declareUser({ ...profile, isBot: false });
    return new TelegramUser(this.state, this.log, stored);
  }

  /** Declares a chat the bot may send to without anyone writing first. */
  declareChat(chat: {
    id: number;
    type?: ChatType;
    title?: string;
    username?: string;
    firstName?: string;
  }): void {
    this.state.chats.declareChat({
      type: chat.id > 0 ? "private" : "group",
      ...chat,
      ...(chat.id > 0 && !chat.firstName && !chat.title ? { firstName: `User ${chat.id}` } : {}),
    });
  }

  /** Every Bot API call so far (matching the filter), oldest first. */
  calls(filter: CallFilter = {}): CallRecord[] {
    return this.log.calls(filter);
  }

  /**
   * Calls `listener` with each call once it is answered (benchmarks time answers by it without
   * scanning the log); returns a function that stops listening.
   */
  onCall(listener: (call: CallRecord) => void): () => void {
    return this.log.onRecord(listener);
  }

  /** Resolves once at least `count` calls match the filter (earlier ones count too). */
  waitForCalls(filter: CallFilter, count = 1, timeoutMs = 5000): Promise<CallRecord[]> {
    const check = () => {
      const found = this.log.calls(filter);
      return found.length >= count ? found : undefined;
    };
    const now = check();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const stop = this.log.onRecord(() => {
        const found = check();
        if (!found) return;
        clearTimeout(timer);
        stop();
        resolve(found);
      });
      const timer = setTimeout(() => {
        stop();
        reject(
          new Error(
            `Waited ${timeoutMs} ms for ${count} call(s) matching ${JSON.stringify(filter)}; saw ${this.log.calls(filter).length}`,
          ),
        );
      }, timeoutMs);
    });
  }

  /** Any chat as its people see it now (deleted messages left out unless asked for). */
  chat(chatId: number, options: { includeDeleted?: boolean } = {}): ChatMessageView[] {
    return this.state.chats
      .chatMessages(chatId)
      .filter((m) => options.includeDeleted || !m.deleted)
      .map(viewOf);
  }

  /** Queues a hand-made update (update_id assigned unless given); returns it, or undefined if allowed_updates drops it. */
  injectUpdate(payload: Record<string, unknown>): Update | undefined {
    return this.state.updates.enqueue(payload);
  }

  /** Delivers an earlier update again with the same update_id (at-least-once delivery). */
  redeliver(updateId: number): void {
    this.state.updates.redeliver(updateId);
  }

  /** Every update ever created, oldest first. */
  updates(): Update[] {
    return this.state.updates.allUpdates();
  }

  /** Changes fault injection while running (a new seed restarts the sequence). */
  configureFaults(options: FaultOptions): void {
    this.state.faults.configure(options);
  }

  /** Makes sends to this chat fail with 403 "bot was blocked by the user" (no update sent; see user.blockBot()). */
  blockChat(chatId: number): void {
    this.state.faults.block(chatId);
  }

  /** Undoes blockChat. */
  unblockChat(chatId: number): void {
    this.state.faults.unblock(chatId);
  }

  /** Holds the bot's calls to this chat unanswered until releaseChat (its network stuck). */
  holdChat(chatId: number): void {
    this.state.faults.hold(chatId);
  }

  /** Answers the calls held for this chat, and those that come after. */
  releaseChat(chatId: number): void {
    this.state.faults.release(chatId);
  }

  /** How many calls to this chat were held so far. */
  heldCalls(chatId: number): number {
    return this.state.faults.heldCalls(chatId);
  }

  /** Resolves once `count` calls to this chat have been held (earlier ones count too). */
  waitForHeldCalls(chatId: number, count = 1, timeoutMs = 5000): Promise<void> {
    const faults = this.state.faults;
    if (faults.heldCalls(chatId) >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const stop = faults.onHeld(() => {
        if (faults.heldCalls(chatId) < count) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`Waited ${timeoutMs} ms for ${count} held call(s) to chat ${chatId}`));
      }, timeoutMs);
    });
  }

  /** The webhook in force, if any. */
  webhook(): WebhookConfig | undefined {
    return this.state.webhook.config;
  }

  /** Every attempt to push an update to the webhook. */
  webhookAttempts(): WebhookAttempt[] {
    return this.state.webhook.attempts;
  }

  /** Resolves once at least `count` webhook deliveries were attempted (a webhook reply, if any, already executed). */
  waitForWebhookAttempts(count: number, timeoutMs = 5000): Promise<WebhookAttempt[]> {
    const webhook = this.state.webhook;
    if (webhook.attempts.length >= count) return Promise.resolve(webhook.attempts);
    return new Promise((resolve, reject) => {
      const stop = webhook.onAttempt(() => {
        if (webhook.attempts.length < count) return;
        clearTimeout(timer);
        stop();
        resolve(webhook.attempts);
      });
      const timer = setTimeout(() => {
        stop();
        reject(
          new Error(
            `Waited ${timeoutMs} ms for ${count} webhook attempt(s); saw ${webhook.attempts.length}`,
          ),
        );
      }, timeoutMs);
    });
  }

  /** The commands set for exactly this scope and language. */
  commands(options: { scope?: CommandScope; languageCode?: string } = {}): BotCommand[] {
    return this.state.bot.commands(options.scope, options.languageCode);
  }

  /** A stored file by file_id (bytes, name, path). */
  file(fileId: string): StoredFile | undefined {
    return this.state.files.get(fileId);
  }

  /** How the bot answered a callback query, if it did. */
  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    return this.state.callbacks.get(callbackQueryId)?.answer;
  }

  /** Stops the server: pending long polls are cut, webhook delivery ends. */
  async close(): Promise<void> {
    this.state.webhook.close();
    this.state.updates.terminatePoller(new Error("emulator closed"));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Starts an emulated Telegram Bot API on 127.0.0.1 at a random port; point grammY's `client.apiRoot` at `apiRoot`. */
export function startTelegramEmulator(
  options: TelegramEmulatorOptions = {},
): Promise<TelegramEmulator> {
  return TelegramEmulator.start(options);
}
