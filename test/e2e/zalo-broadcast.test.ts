import { afterEach, describe, expect, it } from "vitest";
import type { ChannelIdentity, Member } from "../../src/domain/member.js";
import type { ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import { campaign, reportNumbers, telegramMember } from "./support/broadcast-bench.js";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

let bench: TwoChannelBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

const TEXT = "Hưởng ứng Ngày hội Đại đoàn kết toàn dân tộc: mời bà con dự họp xóm tối thứ Bảy.";
const EARLIER = "2026-11-10T00:00:00.000Z";
const LATER = "2026-11-20T00:00:00.000Z";

/** Makes the bench's clock run in real time from its start, so waits measured on it pass. */
function tickingClock(b: TwoChannelBench): void {
  const base = b.clock.now.getTime();
  const since = performance.now();
  Object.defineProperty(b.clock, "now", {
    configurable: true,
    get: () => new Date(base + (performance.now() - since)),
  });
}

/** A member of Hội Phụ nữ in Nam Phong 2 with the given chats. */
function recipient(id: string, identities: ChannelIdentity[]): Member {
  return {
    ...telegramMember(id, 0, "hung-dao.nam-phong-2", ["hoi-phu-nu"]),
    identities,
  };
}

const on = (
  channel: ChannelIdentity["channel"],
  chatId: string | number,
  lastSeenAt: string,
): ChannelIdentity => ({ channel, chatId: String(chatId), boundAt: EARLIER, lastSeenAt });

describe("a broadcast to members on Telegram, on Zalo, and on both", () => {
  it("reaches each member once, on the chat they used last; Zalo's 429s and 403s are absorbed and mark nobody", async () => {
    const b = await startTwoChannelBench({
      env: { BROADCAST_APPROVAL: "off", ZALO_RATE: "50", TELEGRAM_RATE: "50" },
    });
    bench = b;
    tickingClock(b);

    // Zalo lets a bot write only to people who wrote to it first: each Zalo recipient has.
    const zaloChats = new Map<string, ZaloEmulatorUser>();
    const zaloUser = async (id: string): Promise<ZaloEmulatorUser> => {
      const user = b.zalo.user({ displayName: `Zalo ${id}` });
      await user.send("xin chào");
      await user.waitForBotMessage();
      zaloChats.set(user.id, user);
      return user;
    };
    const members: Member[] = [];
    const expected = new Map<string, { channel: "telegram" | "zalo"; chat: string }>();
    for (let i = 0; i < 12; i++) {
      const id = `tg${i}`;
      members.push(recipient(id, [on("telegram", 600_000 + i, LATER)]));
      b.telegram.user({ id: 600_000 + i, firstName: id });
      expected.set(id, { channel: "telegram", chat: String(600_000 + i) });
    }
    for (let i = 0; i < 12; i++) {
      const id = `za${i}`;
      const user = await zaloUser(id);
      members.push(recipient(id, [on("zalo", user.id, LATER)]));
      expected.set(id, { channel: "zalo", chat: user.id });
    }
    for (let i = 0; i < 6; i++) {
      // On both; half wrote last on Zalo, half on Telegram.
      const id = `both${i}`;
      const user = await zaloUser(id);
      const zaloLast = i % 2 === 0;
      members.push(
        recipient(id, [
          on("telegram", 700_000 + i, zaloLast ? EARLIER : LATER),
          on("zalo", user.id, zaloLast ? LATER : EARLIER),
        ]),
      );
      b.telegram.user({ id: 700_000 + i, firstName: id });
      expected.set(
        id,
        zaloLast
          ? { channel: "zalo", chat: user.id }
          : { channel: "telegram", chat: String(700_000 + i) },
      );
    }
    const author = telegramMember(
      "author",
      1001,
      "thuc-phan",
      [],
      [{ role: "broadcaster", unitId: "thuc-phan", orgIds: ["hoi-phu-nu"] }],
    );
    await b.app.deps.store.members.saveMany([author, ...members]);
    const authorChat = b.telegram.user({ id: 1001, firstName: "Tác giả" });

    const rateLimited = b.zalo.injectFault({
      kind: "rate-limited",
      method: "sendMessage",
      times: 2,
    });
    const internal = b.zalo.injectFault({
      kind: "internal-error",
      method: "sendMessage",
      times: 3,
    });
    const result = await b.app.broadcasting.submit(author, campaign(TEXT));
    expect(result.ok).toBe(true);
    const report = await authorChat.waitForBotMessage(
      (m) => m.text.startsWith("Đã gửi xong"),
      60_000,
    );
    expect(rateLimited.hits).toBe(2);
    expect(internal.hits).toBe(3);

    const got = (channel: string, chat: string): number =>
      channel === "telegram"
        ? b.telegram.chat(Number(chat)).filter((m) => m.from === "bot" && m.text?.includes(TEXT))
            .length
        : (zaloChats.get(chat)?.chat() ?? []).filter(
            (m) => m.from === "bot" && m.text?.includes(TEXT),
          ).length;
    for (const member of members) {
      const where = expected.get(member.id);
      if (!where) throw new Error(`no expectation for ${member.id}`);
      const other = member.identities.find((i) => i.channel !== where.channel);
      expect(got(where.channel, where.chat), `${member.id} on ${where.channel}`).toBe(1);
      if (other) expect(got(other.channel, other.chatId), `${member.id} elsewhere`).toBe(0);
    }

    expect(reportNumbers(report.text)).toEqual({
      sent: members.length,
      failed: 0,
      blocked: 0,
      optedOut: 0,
    });
    for (const member of await b.app.deps.store.members.list()) {
      for (const identity of member.identities.filter((i) => i.channel === "zalo")) {
        expect(identity.unreachable, member.id).toBeUndefined();
        expect(identity.failureDays ?? [], member.id).toEqual([]);
      }
    }
  }, 90_000);
});
