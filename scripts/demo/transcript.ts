import type { ChatMessageView, TelegramUser } from "../../src/testing/telegram/index.js";

/** Prints a line of the transcript. */
export type Print = (line: string) => void;

const QUIET_MS = 350;
const LONGEST_WAIT_MS = 8000;

/**
 * A person in the demo: acts in their Telegram chat and prints, after each action, what
 * appeared or changed in it, as the chat shows it (text, photo, document, buttons).
 */
export class DemoPerson {
  private seen = new Map<number, string>();

  constructor(
    readonly name: string,
    readonly user: TelegramUser,
    private readonly print: Print,
  ) {}

  /** Types a text or command. */
  async says(text: string): Promise<ChatMessageView[]> {
    this.print(`  ${this.name}: ${text}`);
    this.user.send(text);
    return this.settle();
  }

  /** Presses a button on the bot's latest message that has it. */
  async presses(label: string): Promise<ChatMessageView[]> {
    const message = [...this.user.chat()]
      .reverse()
      .find(
        (m) => m.from === "bot" && m.buttons.flat().some((b) => b === label || b === `✓ ${label}`),
      );
    if (!message) throw new Error(`${this.name} sees no button "${label}"`);
    const exact = message.buttons.flat().find((b) => b === label || b === `✓ ${label}`) ?? label;
    this.print(`  ${this.name}: (bấm) [${label}]`);
    this.user.press(message.messageId, exact);
    return this.settle();
  }

  /** Sends a photo. */
  async sendsPhoto(caption?: string): Promise<ChatMessageView[]> {
    this.print(`  ${this.name}: (gửi ảnh)${caption ? ` ${caption}` : ""}`);
    this.user.sendPhoto(undefined, caption);
    return this.settle();
  }

  /** Prints what the bot sent without the person acting (reminders, broadcasts). */
  async reads(): Promise<ChatMessageView[]> {
    return this.settle(false);
  }

  /** Waits until the chat is quiet, then prints what is new or changed. */
  private async settle(expectSomething = true): Promise<ChatMessageView[]> {
    const started = Date.now();
    let lastChange = Date.now();
    let last = this.fingerprint();
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      const now = this.fingerprint();
      if (now !== last) {
        last = now;
        lastChange = Date.now();
      }
      const changed = this.changes().length > 0;
      const quiet = Date.now() - lastChange >= QUIET_MS;
      if ((changed || !expectSomething) && quiet) break;
      if (Date.now() - started > LONGEST_WAIT_MS) break;
    }
    const fresh = this.changes();
    for (const message of fresh) {
      const edited = this.seen.has(message.messageId);
      this.seen.set(message.messageId, key(message));
      this.printMessage(message, edited);
    }
    return fresh;
  }

  private changes(): ChatMessageView[] {
    return this.user
      .chat()
      .filter((m) => m.from === "bot" && this.seen.get(m.messageId) !== key(m));
  }

  private fingerprint(): string {
    return this.user
      .chat()
      .map((m) => `${m.messageId}:${key(m)}`)
      .join("|");
  }

  private printMessage(message: ChatMessageView, edited: boolean): void {
    const lines: string[] = [];
    if (message.photo) lines.push(`[ảnh ${message.photo.bytes.length} byte]`);
    if (message.document) lines.push(`[tệp ${message.document.fileName ?? ""}]`);
    if (message.text) lines.push(...message.text.split("\n"));
    const buttons = message.buttons.map((row) => row.map((b) => `[${b}]`).join(" "));
    lines.push(...buttons);
    const label = edited ? "  Bot (sửa): " : "  Bot: ";
    this.print(`${label}${lines[0] ?? ""}`);
    for (const line of lines.slice(1)) this.print(`${" ".repeat(label.length)}${line}`);
  }
}

function key(message: ChatMessageView): string {
  return `${message.text}#${JSON.stringify(message.buttons)}#${message.photo ? 1 : 0}`;
}
