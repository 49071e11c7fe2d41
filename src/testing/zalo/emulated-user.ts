/** What kind of message a chat line is. */
export type ZaloChatMessageKind = "text" | "photo" | "sticker" | "unsupported";

/** One line of a chat as the user sees it on their phone. */
export interface ZaloChatMessage {
  messageId: string;
  from: "bot" | "user";
  kind: ZaloChatMessageKind;
  /** When it was sent, in milliseconds since the epoch (the emulator's clock). */
  at: number;
  text?: string;
  photoUrl?: string;
  caption?: string;
  sticker?: string;
}

/** What a user can send the bot. */
export type ZaloUserContent =
  | { kind: "text"; text: string }
  | { kind: "photo"; photoUrl: string; caption?: string }
  | { kind: "sticker"; sticker: string }
  | { kind: "unsupported" };

/** A pretend Zalo user talking to the bot in a private chat. */
export interface ZaloEmulatorUser {
  /** The user's id, which is also the chat id (always a string). */
  readonly id: string;
  readonly displayName: string;
  /** Sends a text; resolves with its message id once Zalo has handed it on (webhook answered, or queued). */
  send(text: string): Promise<string>;
  /** Sends an image (by default one the emulator serves on loopback), with an optional caption. */
  sendImage(options?: { url?: string; caption?: string }): Promise<string>;
  /** Sends a sticker. */
  sendSticker(sticker?: string): Promise<string>;
  /** Sends something Zalo withholds from bots (message.unsupported.received). */
  sendUnsupported(): Promise<string>;
  /** Every message of the chat so far, in order. */
  chat(): ZaloChatMessage[];
  /** The bot's latest message, if any. */
  lastBotMessage(): ZaloChatMessage | undefined;
  /**
   * Resolves once the bot has finished handling the update of this message (the id `send`
   * gave), so every reply it sent while handling is in the chat.
   */
  whenHandled(messageId: string, timeoutMs?: number): Promise<void>;
  /**
   * Resolves with the next bot message matching `predicate` that the test has not seen yet:
   * one after the user's latest message and after the one this returned last. Rejects, showing
   * the chat, when none comes within `timeoutMs` (default 15,000: a first chart on a busy 2-core machine).
   */
  waitForBotMessage(
    predicate?: (message: ZaloChatMessage) => boolean,
    timeoutMs?: number,
  ): Promise<ZaloChatMessage>;
}

/** The emulator's record of one user's chat with the bot. */
export class UserChat {
  readonly messages: ZaloChatMessage[] = [];
  /** Zalo lets a bot write only to users who wrote to it first. */
  hasWritten = false;
  #cursor = 0;
  readonly #listeners = new Set<() => void>();

  /**
   * @param id the user's (and chat's) id
   * @param displayName the name Zalo shows for them
   */
  constructor(
    readonly id: string,
    readonly displayName: string,
  ) {}

  /** Records a message the user sent. */
  addUserMessage(message: ZaloChatMessage): void {
    this.messages.push(message);
    this.hasWritten = true;
    this.#cursor = this.messages.length;
  }

  /** Records a message the bot sent and wakes whoever waits for one. */
  addBotMessage(message: ZaloChatMessage): void {
    this.messages.push(message);
    for (const listener of [...this.#listeners]) listener();
  }

  /** See {@link ZaloEmulatorUser.waitForBotMessage}. */
  waitForBotMessage(
    predicate: (message: ZaloChatMessage) => boolean,
    timeoutMs: number,
  ): Promise<ZaloChatMessage> {
    const scan = (): ZaloChatMessage | undefined => {
      for (let i = this.#cursor; i < this.messages.length; i += 1) {
        const message = this.messages[i];
        if (message?.from === "bot" && predicate(message)) {
          this.#cursor = i + 1;
          return message;
        }
      }
      return undefined;
    };
    const found = scan();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        const message = scan();
        if (!message) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve(message);
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(
          new Error(`no matching bot message within ${timeoutMs} ms; chat:\n${this.transcript()}`),
        );
      }, timeoutMs);
      this.#listeners.add(listener);
    });
  }

  /** The chat as readable lines, for failure messages. */
  transcript(): string {
    if (this.messages.length === 0) return "  (empty)";
    return this.messages
      .map((m) => `  ${m.from}: ${m.text ?? m.caption ?? m.photoUrl ?? m.sticker ?? `[${m.kind}]`}`)
      .join("\n");
  }
}

/** Builds the driver a test uses to act as `chat`'s user; `send` hands content to Zalo. */
export function userDriver(
  chat: UserChat,
  send: (content: ZaloUserContent) => Promise<string>,
  defaultImageUrl: () => string,
  whenHandled: (messageId: string, timeoutMs: number) => Promise<void>,
): ZaloEmulatorUser {
  return {
    id: chat.id,
    displayName: chat.displayName,
    send: (text) => send({ kind: "text", text }),
    sendImage: (options = {}) =>
      send({
        kind: "photo",
        photoUrl: options.url ?? defaultImageUrl(),
        ...(options.caption === undefined ? {} : { caption: options.caption }),
      }),
    sendSticker: (sticker = "0e078a2fb66a5f34067b") => send({ kind: "sticker", sticker }),
    sendUnsupported: () => send({ kind: "unsupported" }),
    chat: () => chat.messages.map((message) => ({ ...message })),
    lastBotMessage: () => chat.messages.findLast((message) => message.from === "bot"),
    waitForBotMessage: (predicate = () => true, timeoutMs = 15_000) =>
      chat.waitForBotMessage(predicate, timeoutMs),
    whenHandled: (messageId, timeoutMs = 15_000) => whenHandled(messageId, timeoutMs),
  };
}
