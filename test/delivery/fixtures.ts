import { TelegramSender, telegramDeliveryChannel } from "../../src/channels/telegram/sender.js";
import type { QuietHours } from "../../src/config.js";
import type { DeliveryChannel } from "../../src/delivery/delivery-channel.js";
import { Outbox } from "../../src/delivery/outbox.js";
import { DeliveryWorker, type DeliveryWorkerOptions } from "../../src/delivery/worker.js";
import type { Channel, ChannelIdentity, Member } from "../../src/domain/member.js";
import type { Outbound, SentMessage } from "../../src/messaging/outbound.js";
import { SendError, type Sender, type SendFailure } from "../../src/messaging/sender.js";
import { type LowStore, openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import type { TelegramEmulator } from "../../src/testing/telegram/index.js";
import { tempDir } from "../support/processes.js";

export const ZONE = "Asia/Ho_Chi_Minh";
export const NIGHT: QuietHours = { start: 21 * 60, end: 6 * 60 + 30 };

/** An instant given as Vietnam wall-clock time (UTC+7). */
export const vn = (iso: string) => new Date(`${iso}+07:00`);

/** A clock that runs in real time from wherever the test set it (timers stay real). */
export class TestClock {
  private offsetMs = 0;
  constructor(start?: Date) {
    if (start) this.set(start);
  }
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}

/** A member with chat identities given as [channel, chatId, lastSeenAt?]. */
export function member(id: string, ...chats: [Channel, string, string?][]): Member {
  const identities: ChannelIdentity[] = chats.map(([channel, chatId, lastSeenAt]) => ({
    channel,
    chatId,
    boundAt: "2026-11-01T00:00:00.000Z",
    lastSeenAt: lastSeenAt ?? "2026-11-20T00:00:00.000Z",
  }));
  return {
    id,
    name: `Thành viên ${id}`,
    unitId: "hung-dao.nam-phong-2",
    orgIds: [],
    roles: [{ role: "member", unitId: "hung-dao.nam-phong-2", orgIds: [] }],
    locale: "vi",
    active: true,
    optedOut: false,
    identities,
    source: "cli",
    createdAt: "2026-11-01T00:00:00.000Z",
  };
}

/** Members m0…m(n-1), each on Telegram in chat 100000+i. */
export function telegramMembers(n: number): Member[] {
  return Array.from({ length: n }, (_, i) => member(`m${i}`, ["telegram", String(100_000 + i)]));
}

/** A channel-neutral sender that records what it sent and fails as told. */
export class FakeSender implements Sender {
  readonly sent: { chatId: string; message: Outbound; messageId: string }[] = [];
  failWith: (chatId: string, attempt: number) => SendFailure | undefined = () => undefined;
  private attempts = 0;
  private nextId = 1;

  constructor(
    readonly channel: Channel,
    readonly maxTextLength = 2000,
  ) {}

  async send(chatId: string, message: Outbound): Promise<SentMessage> {
    this.attempts += 1;
    const failure = this.failWith(chatId, this.attempts);
    if (failure) throw new SendError(failure);
    const messageId = String(this.nextId++);
    this.sent.push({ chatId, message, messageId });
    return { messageId };
  }

  to(chatId: string): Outbound[] {
    return this.sent.filter((s) => s.chatId === chatId).map((s) => s.message);
  }
}

/** A store on a fresh temp dir, an outbox and a worker wired together. */
export async function setUpDelivery(options: {
  channels: DeliveryChannel[];
  members: Member[];
  clock?: TestClock;
  quietHours?: QuietHours | null;
  worker?: Partial<DeliveryWorkerOptions>;
  dataDir?: string;
}): Promise<{ store: LowStore; outbox: Outbox; worker: DeliveryWorker; dataDir: string }> {
  const dataDir = options.dataDir ?? (await tempDir("chung-suc-delivery-"));
  const store = await openLowStore(dataDir);
  await store.members.saveMany(options.members);
  const now = options.clock?.now ?? (() => new Date());
  const quietHours = options.quietHours === undefined ? null : options.quietHours;
  const outbox = new Outbox({ store, now, quietHours, timeZone: ZONE });
  const worker = new DeliveryWorker({
    store,
    outbox,
    channels: options.channels,
    quietHours,
    timeZone: ZONE,
    retryBaseMs: 10,
    idlePollMs: 50,
    now,
    ...options.worker,
  });
  return { store, outbox, worker, dataDir };
}

/** The Telegram channel on an emulator, at `rate` messages per second. */
export function telegramChannel(emulator: TelegramEmulator, rate = 100): DeliveryChannel {
  return telegramDeliveryChannel(
    new TelegramSender({ token: emulator.token, apiRoot: emulator.apiRoot }),
    rate,
  );
}

/** Messages each chat received from the bot, by chat id. */
export function receivedPerChat(
  emulator: TelegramEmulator,
  chatIds: number[],
): Map<number, number> {
  return new Map(
    chatIds.map((id) => [id, emulator.chat(id).filter((m) => m.from === "bot").length]),
  );
}
