import type { BroadcastDraft } from "../../../src/domain/broadcast.js";
import type { Member } from "../../../src/domain/member.js";
import type { RoleGrant } from "../../../src/domain/role.js";
import type { TelegramUser } from "../../../src/testing/telegram/index.js";
import type { TelegramBench } from "./telegram-bench.js";

/** Chat ids of seeded recipients start here (the author and approvers sit below). */
export const FIRST_RECIPIENT = 500_000;

/** A member bound to a Telegram chat of the emulator. */
export function telegramMember(
  id: string,
  chatId: number,
  unitId: string,
  orgIds: string[],
  roles: RoleGrant[] = [],
  lastSeenAt = "2026-11-01T00:00:00.000Z",
): Member {
  return {
    id,
    name: `Người ${id}`,
    unitId,
    orgIds,
    roles,
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [{ channel: "telegram", chatId: String(chatId), boundAt: lastSeenAt, lastSeenAt }],
    source: "cli",
    createdAt: "2026-11-01T00:00:00.000Z",
  };
}

/** People of a broadcast test: the author and an approver, as emulator users bound to members. */
export interface Staff {
  author: TelegramUser;
  approver: TelegramUser;
  authorMember: Member;
}

/** Seeds the broadcaster of Hội Phụ nữ in Thục Phán (chat 1001) and a Thục Phán approver (chat 1002). */
export async function seedStaff(bench: TelegramBench): Promise<Staff> {
  const authorMember = telegramMember(
    "author",
    1001,
    "thuc-phan",
    [],
    [
      { role: "broadcaster", unitId: "thuc-phan", orgIds: ["hoi-phu-nu"] },
      { role: "approver", unitId: "thuc-phan", orgIds: [] },
    ],
  );
  const approverMember = telegramMember(
    "approver",
    1002,
    "thuc-phan",
    [],
    [{ role: "approver", unitId: "thuc-phan", orgIds: [] }],
  );
  await bench.app.deps.store.members.saveMany([authorMember, approverMember]);
  return {
    author: bench.emulator.user({ id: 1001, firstName: "Tác giả" }),
    approver: bench.emulator.user({ id: 1002, firstName: "Duyệt" }),
    authorMember,
  };
}

/** Seeds `count` members of Hội Phụ nữ in Nam Phong 2, on chats FIRST_RECIPIENT + i. */
export async function seedRecipients(
  bench: TelegramBench,
  count: number,
  over: Partial<Member> = {},
): Promise<number[]> {
  const chats = Array.from({ length: count }, (_, i) => FIRST_RECIPIENT + i);
  const members = chats.map((chat) => ({
    ...telegramMember(`m${chat}`, chat, "hung-dao.nam-phong-2", ["hoi-phu-nu"]),
    ...over,
  }));
  for (const chat of chats) bench.emulator.user({ id: chat, firstName: `H${chat}` });
  await bench.app.deps.store.members.saveMany(members);
  return chats;
}

/** A campaign message to all of Hội Phụ nữ in Thục Phán, now. */
export function campaign(text: string, over: Partial<BroadcastDraft> = {}): BroadcastDraft {
  return {
    kind: "campaign",
    text,
    audience: { orgIds: ["hoi-phu-nu"], areaIds: ["thuc-phan"], roles: [] },
    schedule: { kind: "now" },
    urgent: false,
    ...over,
  };
}

/**
 * Makes the bench's clock run in real time from wherever a test sets it (timers stay real),
 * so waits measured on it pass while the test can still jump a week ahead.
 */
export function tickingClock(bench: TelegramBench): void {
  let base = bench.clock.now.getTime();
  let since = performance.now();
  Object.defineProperty(bench.clock, "now", {
    configurable: true,
    get: () => new Date(base + (performance.now() - since)),
    set: (at: Date) => {
      base = at.getTime();
      since = performance.now();
    },
  });
}

/** How many messages from the bot each chat shows (deleted ones left out). */
export function botMessagesPerChat(bench: TelegramBench, chats: number[]): Map<number, number> {
  return new Map(
    chats.map((chat) => [chat, bench.emulator.chat(chat).filter((m) => m.from === "bot").length]),
  );
}

/** The numbers of a completion report, as the author reads them. */
export function reportNumbers(text: string): Record<string, number> {
  const read = (label: string) => {
    const match = new RegExp(`${label}: ([\\d.]+)`).exec(text);
    return match?.[1] ? Number(match[1].replace(/\./g, "")) : Number.NaN;
  };
  return {
    sent: read("Đã nhận"),
    failed: read("Gửi lỗi"),
    blocked: read("Đã chặn hoặc không liên lạc được"),
    optedOut: read("Đã ngừng nhận tin"),
  };
}
