import { createSeededRandom, type SeededRandom } from "../seeded-random.js";

/** Methods that send or change messages: the ones faults hit unless told otherwise. */
export const SENDING_METHODS = [
  "sendMessage",
  "sendPhoto",
  "sendDocument",
  "sendVoice",
  "sendAudio",
  "sendMediaGroup",
  "copyMessage",
  "forwardMessage",
  "editMessageText",
  "editMessageCaption",
  "editMessageReplyMarkup",
  "deleteMessage",
  "answerCallbackQuery",
  "sendChatAction",
];

/** Seeded, probabilistic trouble to inject into calls; every probability defaults to 0. */
export interface FaultOptions {
  /** Seed of the PRNG: the same seed and the same calls give the same faults. Default 1. */
  seed?: number;
  /** Methods that may be hit (default: SENDING_METHODS); polling is spared so the bot keeps listening. */
  methods?: string[];
  /** Probability of an injected 429 "Too Many Requests". */
  tooManyRequests?: number;
  /** The retry_after of injected 429s, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Probability of a 5xx: half 500 (Telegram's JSON envelope), half 502 (an HTML gateway page). */
  serverError?: number;
  /** Probability of a connection reset before the call takes effect (nothing is sent). */
  resetBeforeSend?: number;
  /** Probability of a connection reset after the call took effect (sent, but the client cannot know). */
  resetAfterSend?: number;
  /** Probability of a slow answer. */
  slow?: number;
  /** How slow a slow answer is, in ms (default 200). */
  slowMs?: number;
  /** Chats whose user has blocked the bot: sends there get 403. */
  blockedChatIds?: number[];
}

/** The fault drawn for one call. */
export type DrawnFault = "429" | "500" | "502" | "reset-before" | "reset-after" | undefined;

/** Decides, deterministically from its seed, which calls fail and how. */
export class FaultInjector {
  private random: SeededRandom;
  private settings: FaultOptions;
  private readonly blocked = new Set<number>();
  private readonly held = new Map<number, { released: Promise<void>; release(): void }>();
  private readonly waiting = new Map<number, number>();
  private readonly heldListeners = new Set<() => void>();

  constructor(options: FaultOptions = {}) {
    this.settings = options;
    this.random = createSeededRandom(options.seed ?? 1);
    for (const id of options.blockedChatIds ?? []) this.blocked.add(id);
  }

  /** Changes probabilities; a new seed restarts the PRNG sequence. */
  configure(options: FaultOptions): void {
    this.settings = { ...this.settings, ...options };
    if (options.seed !== undefined) this.random = createSeededRandom(options.seed);
    for (const id of options.blockedChatIds ?? []) this.blocked.add(id);
  }

  /**
   * The fault and delay for one call. Always draws exactly three numbers for an eligible
   * method, so changing one probability does not shift which later calls fail.
   */
  draw(method: string): { fault: DrawnFault; delayMs: number } {
    const methods = this.settings.methods ?? SENDING_METHODS;
    if (!methods.includes(method)) return { fault: undefined, delayMs: 0 };
    const roll = this.random();
    const kind = this.random();
    const slowRoll = this.random();
    const s = this.settings;
    const delayMs = slowRoll < (s.slow ?? 0) ? (s.slowMs ?? 200) : 0;
    let threshold = s.tooManyRequests ?? 0;
    if (roll < threshold) return { fault: "429", delayMs };
    threshold += s.serverError ?? 0;
    if (roll < threshold) return { fault: kind < 0.5 ? "500" : "502", delayMs };
    threshold += s.resetBeforeSend ?? 0;
    if (roll < threshold) return { fault: "reset-before", delayMs };
    threshold += s.resetAfterSend ?? 0;
    if (roll < threshold) return { fault: "reset-after", delayMs };
    return { fault: undefined, delayMs };
  }

  /** The retry_after of injected 429s. */
  get retryAfterSeconds(): number {
    return this.settings.retryAfterSeconds ?? 1;
  }

  /** Marks a chat as having blocked the bot. */
  block(chatId: number): void {
    this.blocked.add(chatId);
  }

  /** Lifts a block. */
  unblock(chatId: number): void {
    this.blocked.delete(chatId);
  }

  /** Whether sends to this chat get 403. */
  isBlocked(chatId: number): boolean {
    return this.blocked.has(chatId);
  }

  /** Calls to this chat wait, unanswered, until `release` (a person's connection stuck). */
  hold(chatId: number): void {
    if (this.held.has(chatId)) return;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.held.set(chatId, { released, release });
  }

  /** Lets the calls held for this chat go on. */
  release(chatId: number): void {
    this.held.get(chatId)?.release();
    this.held.delete(chatId);
  }

  /** Resolves once calls to this chat may go on (at once when it is not held). */
  async whenReleased(chatId: number | string | undefined): Promise<void> {
    const id = typeof chatId === "string" ? Number(chatId) : chatId;
    const held = id === undefined ? undefined : this.held.get(id);
    if (id === undefined || !held) return;
    this.waiting.set(id, (this.waiting.get(id) ?? 0) + 1);
    for (const listener of this.heldListeners) listener();
    await held.released;
  }

  /** How many calls to this chat were held so far. */
  heldCalls(chatId: number): number {
    return this.waiting.get(chatId) ?? 0;
  }

  /** Subscribes to "a call was held"; returns the unsubscribe function. */
  onHeld(listener: () => void): () => void {
    this.heldListeners.add(listener);
    return () => this.heldListeners.delete(listener);
  }
}
