import type { ZaloChatMessage, ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import type { Print } from "./transcript.js";

const QUIET_MS = 350;
const LONGEST_WAIT_MS = 8000;

/**
 * A person in the demo on Zalo: types in their Zalo chat and prints, after each message, what
 * the bot sent back as the Zalo chat shows it. Zalo has no buttons: choices are numbered
 * lines the person answers by typing the number, and a chart is a photo sent by link.
 */
export class ZaloDemoPerson {
  /** How many of the chat's messages are already printed. */
  private printed = 0;

  constructor(
    readonly name: string,
    readonly user: ZaloEmulatorUser,
    private readonly print: Print,
  ) {}

  /** Types a text (a code, a command word, a number, an answer). */
  async says(text: string): Promise<ZaloChatMessage[]> {
    this.print(`  ${this.name} (Zalo): ${text}`);
    const sentAt = this.user.chat().length;
    await this.user.send(text);
    return this.settle(sentAt);
  }

  /** Types the number that a label carries in the bot's latest numbered list. */
  async picks(...labels: string[]): Promise<ZaloChatMessage[]> {
    return this.says(labels.map((label) => this.numberOf(label)).join(" "));
  }

  /** Prints what the bot sent without the person writing (reminders, broadcasts). */
  async reads(): Promise<ZaloChatMessage[]> {
    return this.settle();
  }

  /** The number a label carries in the bot's latest numbered list (`3. Label`). */
  numberOf(label: string): number {
    const last = this.user.lastBotMessage();
    const text = last?.text ?? last?.caption ?? "";
    for (const line of text.split("\n")) {
      const match = /^(\d+)\. (?:✓ )?(.*)$/u.exec(line);
      if (match?.[2] === label) return Number(match[1]);
    }
    throw new Error(`${this.name} sees no line "${label}" in the bot's last message:\n${text}`);
  }

  /**
   * Waits until the chat is quiet (and, with `answerAfter`, the bot wrote after that message
   * index), then prints the bot's messages not printed yet.
   */
  private async settle(answerAfter?: number): Promise<ZaloChatMessage[]> {
    const started = Date.now();
    let lastChange = Date.now();
    let count = this.user.chat().length;
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      const now = this.user.chat().length;
      if (now !== count) {
        count = now;
        lastChange = Date.now();
      }
      const answered =
        answerAfter === undefined ||
        this.user
          .chat()
          .slice(answerAfter)
          .some((m) => m.from === "bot");
      if (answered && Date.now() - lastChange >= QUIET_MS) break;
      if (Date.now() - started > LONGEST_WAIT_MS) break;
    }
    const messages = this.user.chat().slice(this.printed);
    this.printed += messages.length;
    const fromBot = messages.filter((message) => message.from === "bot");
    for (const message of fromBot) this.printMessage(message);
    return fromBot;
  }

  private printMessage(message: ZaloChatMessage): void {
    const lines: string[] = [];
    if (message.kind === "photo") lines.push(`[ảnh: ${message.photoUrl ?? ""}]`);
    if (message.kind === "sticker") lines.push("[nhãn dán]");
    const text = message.text ?? message.caption;
    if (text) lines.push(...text.split("\n"));
    const label = "  Bot (Zalo): ";
    this.print(`${label}${lines[0] ?? ""}`);
    for (const line of lines.slice(1)) this.print(`${" ".repeat(label.length)}${line}`);
  }
}
