import type { Choice } from "../messaging/outbound.js";
import type { ChatMenuRepository } from "../store/chat-menu-repository.js";

/** The mark of a button's data that stands for longer data kept in the store. */
const REFERENCE = /^~([0-9a-z]+)\.(\d+)$/;

/**
 * Button data for a platform whose buttons carry at most `maxDataBytes` (Telegram: 64): data
 * that fits travels as it is; longer data travels as a short reference to the chat's latest
 * message with long data, kept in the store (so a restart or a second instance reads it), and
 * comes back whole when pressed. A reference to an older such message no longer resolves, and
 * comes back as it is, which nothing takes for a choice of its own.
 */
export class LongButtonData {
  constructor(
    private readonly store: ChatMenuRepository,
    private readonly now: () => Date,
    private readonly random: () => number,
    private readonly channel: string,
    private readonly maxDataBytes: number,
  ) {}

  /** The rows to send to `chatId`, every choice's data fitting the platform. */
  async fit(chatId: string, rows: Choice[][] | undefined): Promise<Choice[][] | undefined> {
    if (!rows || rows.every((row) => row.every((c) => this.fits(c.data)))) return rows;
    const stamp = Math.floor(this.random() * 36 ** 6).toString(36);
    const long: Choice[] = [];
    const fitted = rows.map((row) =>
      row.map((choice) => {
        if (this.fits(choice.data)) return choice;
        long.push(choice);
        return { ...choice, data: `~${stamp}.${long.length - 1}` };
      }),
    );
    await this.store.save({
      key: this.key(chatId),
      choices: long,
      stamp,
      shownAt: this.now().toISOString(),
    });
    return fitted;
  }

  /** The data a pressed button stands for. */
  async read(chatId: string, data: string): Promise<string> {
    const reference = REFERENCE.exec(data);
    if (!reference?.[1] || !reference[2]) return data;
    const kept = await this.store.get(this.key(chatId));
    if (kept?.stamp !== reference[1]) return data;
    return kept.choices[Number(reference[2])]?.data ?? data;
  }

  private fits(data: string): boolean {
    return Buffer.byteLength(data, "utf8") <= this.maxDataBytes;
  }

  private key(chatId: string): string {
    return `${this.channel}:long-data:${chatId}`;
  }
}
