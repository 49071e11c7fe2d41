import type {
  CallRecord,
  TelegramEmulator,
  TelegramUser,
} from "../../src/testing/telegram/index.js";

/** What a person waits for after acting: any new message from the bot, a photo, a file, an edit. */
export type AnswerKind = "message" | "photo" | "document" | "edit";

const MESSAGE_METHODS = new Set(["sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup"]);
const EDIT_METHODS = new Set(["editMessageText", "editMessageReplyMarkup", "editMessageCaption"]);

interface Waiter {
  kind: AnswerKind;
  done: (at: number) => void;
}

/**
 * Times the bot's answers as users see them: from an action to the first message (or edit)
 * the bot makes in that user's chat, read off the emulator's calls as they are answered, with
 * no polling, so hundreds of users can wait at once without the load generator skewing it.
 */
export class ChatTimer {
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly stop: () => void;

  constructor(emulator: TelegramEmulator) {
    this.stop = emulator.onCall((call) => this.heard(call));
  }

  /** Acts, then resolves with ms until the answer of that kind reached the user's chat. */
  async time(
    user: TelegramUser,
    kind: AnswerKind,
    act: () => void,
    timeoutMs = 120_000,
  ): Promise<number> {
    const answered = this.next(String(user.id), kind, timeoutMs);
    const start = performance.now();
    act();
    return (await answered) - start;
  }

  /** Resolves (with performance.now()) at the bot's next answer of that kind in the chat. */
  next(chatId: string, kind: AnswerKind, timeoutMs = 120_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no ${kind} from the bot in chat ${chatId} within ${timeoutMs} ms`));
      }, timeoutMs);
      const list = this.waiters.get(chatId) ?? [];
      list.push({
        kind,
        done: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
      this.waiters.set(chatId, list);
    });
  }

  /** Stops listening to the emulator. */
  close(): void {
    this.stop();
  }

  private heard(call: CallRecord): void {
    if (call.outcome !== "ok" || call.chatId === undefined) return;
    const kinds = new Set<AnswerKind>();
    if (MESSAGE_METHODS.has(call.method)) kinds.add("message");
    if (call.method === "sendPhoto") kinds.add("photo");
    if (call.method === "sendDocument") kinds.add("document");
    if (EDIT_METHODS.has(call.method)) kinds.add("edit");
    if (kinds.size === 0) return;
    const chatId = String(call.chatId);
    const list = this.waiters.get(chatId);
    const index = list?.findIndex((waiter) => kinds.has(waiter.kind)) ?? -1;
    if (!list || index < 0) return;
    const [waiter] = list.splice(index, 1);
    if (list.length === 0) this.waiters.delete(chatId);
    waiter?.done(performance.now());
  }
}

/** Presses the button on the latest bot message that shows it. */
export function pressLatest(user: TelegramUser, label: string): () => void {
  return () => {
    user.press((m) => m.from === "bot" && m.buttons.flat().includes(label), label);
  };
}

/** Resolves once a bot message in the user's chat shows this button (checked at each call). */
export function untilButton(
  emulator: TelegramEmulator,
  user: TelegramUser,
  label: string,
  timeoutMs = 60_000,
): Promise<void> {
  const shows = () => user.chat().some((m) => m.from === "bot" && m.buttons.flat().includes(label));
  return until(emulator, shows, timeoutMs, () => `no button "${label}" for user ${user.id}`);
}

/** Resolves once a bot message in the user's chat matches (checked at each call). */
export function untilBotMessage(
  emulator: TelegramEmulator,
  user: TelegramUser,
  match: (text: string) => boolean,
  timeoutMs = 60_000,
): Promise<string> {
  let found: string | undefined;
  const check = () => {
    found = user
      .chat()
      .filter((m) => m.from === "bot")
      .map((m) => m.text)
      .find(match);
    return found !== undefined;
  };
  return until(emulator, check, timeoutMs, () => `no such message for user ${user.id}`).then(
    () => found as string,
  );
}

/** Resolves once `check` holds, trying it now and after every call the emulator answers. */
export function until(
  emulator: TelegramEmulator,
  check: () => boolean,
  timeoutMs: number,
  explain: () => string,
): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stop = emulator.onCall(() => {
      if (!check()) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(explain()));
    }, timeoutMs);
  });
}
