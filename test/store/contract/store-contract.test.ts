import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Broadcast } from "../../../src/domain/broadcast.js";
import { newBroadcast } from "../../../src/domain/broadcast-lifecycle.js";
import type { Invite } from "../../../src/domain/invite.js";
import type { Member } from "../../../src/domain/member.js";
import type { HamletReport } from "../../../src/domain/report.js";
import type { Story } from "../../../src/domain/story.js";
import type { Store } from "../../../src/store/store.js";
import { ADAPTERS, type OpenedAdapter } from "./adapters.js";

const NOW = "2026-11-25T03:00:00.000Z";
const LATER = "2026-11-25T04:00:00.000Z";
const HAMLET = "hung-dao.nam-phong-2";

function member(id: string, chatId = `chat-${id}`): Member {
  return {
    id,
    name: `Thành viên ${id}`,
    unitId: HAMLET,
    orgIds: [],
    roles: [{ role: "member", unitId: HAMLET, orgIds: [] }],
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [{ channel: "zalo", chatId, boundAt: NOW, lastSeenAt: NOW }],
    source: "cli",
    createdAt: NOW,
  };
}

function invite(code: string): Invite {
  return {
    code,
    roles: ["member"],
    unitId: HAMLET,
    orgIds: [],
    locale: "vi",
    createdAt: NOW,
    expiresAt: "2026-12-25T03:00:00.000Z",
  };
}

function report(version: number, receipt: string): HamletReport {
  return {
    id: `${HAMLET}@2026-W48`,
    hamletId: HAMLET,
    week: "2026-W48",
    receipt,
    authorId: "head",
    groups: [],
    values: { roadConcretedM: 100 * (version + 1) },
    criteriaClaimed: [],
    photos: [],
    submittedAt: NOW,
    late: false,
    review: "submitted",
    version,
  };
}

function broadcast(id: string): Broadcast {
  return newBroadcast(
    {
      kind: "campaign",
      text: "Ngày Chủ nhật xanh",
      audience: { orgIds: ["hoi-phu-nu"], areaIds: ["hung-dao"], roles: [] },
      schedule: { kind: "now" },
      urgent: false,
    },
    { id, authorId: "author", senderUnitId: "hung-dao", at: NOW },
    true,
  );
}

for (const adapter of ADAPTERS) {
  // Skipped only where the adapter's server is absent (a laptop with only Node), never in CI.
  describe.skipIf(adapter.skipReason !== undefined)(`the Store contract on ${adapter.name}`, () => {
    afterAll(async () => {
      await adapter.dispose?.();
    });
    let opened: OpenedAdapter;
    let store: Store;
    beforeEach(async () => {
      opened = await adapter.open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.close();
    });

    describe("members", () => {
      it("a touch after an unreachable mark wins over nothing: narrow changes keep each other", async () => {
        await store.members.save(member("m1"));
        await store.members.markUnreachable("m1", "zalo", "chat-m1", "chat not found", NOW);
        await store.members.touchIdentity("m1", "zalo", "chat-m1", LATER);
        await store.members.setLocale("m1", "en");
        await store.members.setOptedOut("m1", true);
        const after = await store.members.get("m1");
        expect(after?.locale).toBe("en");
        expect(after?.optedOut).toBe(true);
        expect(after?.identities[0]?.unreachable).toBeUndefined();
        expect(after?.identities[0]?.lastSeenAt).toBe(LATER);
        expect(await store.members.setLocale("nobody", "en")).toBeUndefined();
      });

      it("marks a chat unreachable after failures on separate days, and lifts the mark", async () => {
        await store.members.save(member("m2"));
        const failure = { channel: "zalo" as const, chatId: "chat-m2", threshold: 2 };
        const first = await store.members.recordFailureDay("m2", {
          ...failure,
          day: "2026-11-24",
          reason: "x",
          at: NOW,
        });
        expect(first?.unreachable).toBe(false);
        const again = await store.members.recordFailureDay("m2", {
          ...failure,
          day: "2026-11-24",
          reason: "x",
          at: NOW,
        });
        expect(again?.unreachable).toBe(false);
        const second = await store.members.recordFailureDay("m2", {
          ...failure,
          day: "2026-11-25",
          reason: "x",
          at: LATER,
        });
        expect(second?.unreachable).toBe(true);
        const lifted = await store.members.markReachable("m2", "zalo");
        expect(lifted?.changed).toBe(true);
        expect(lifted?.cleared).toEqual([{ since: LATER, reason: "x" }]);
        expect((await store.members.get("m2"))?.identities[0]).not.toHaveProperty("failureDays");
        expect((await store.members.markReachable("m2", "zalo"))?.changed).toBe(false);
      });

      it("keeps how a member is addressed, and a change to it made from the stored copy", async () => {
        await store.members.save({ ...member("m4"), salutation: "bác" });
        const stored = await store.members.get("m4");
        expect(stored?.salutation).toBe("bác");
        if (!stored) throw new Error("not stored");
        expect(await store.members.replace(stored, { ...stored, salutation: "ông" })).toBe(true);
        expect((await store.members.get("m4"))?.salutation).toBe("ông");
      });

      it("replace stores a change only when made from the stored copy", async () => {
        await store.members.save(member("m3"));
        const copy = await store.members.get("m3");
        if (!copy) throw new Error("not stored");
        await store.members.touchIdentity("m3", "zalo", "chat-m3", LATER);
        expect(await store.members.replace(copy, { ...copy, name: "Tên mới" })).toBe(false);
        const fresh = await store.members.get("m3");
        if (!fresh) throw new Error("not stored");
        expect(await store.members.replace(fresh, { ...fresh, name: "Tên mới" })).toBe(true);
        const stored = await store.members.get("m3");
        expect(stored?.name).toBe("Tên mới");
        expect(stored?.identities[0]?.lastSeenAt).toBe(LATER);
      });
    });

    describe("member lookups", () => {
      it("finds a member by chat, by phone and by unit, unit by unit in the order asked", async () => {
        const head = { ...member("m4", "zalo-4"), phone: "0912345678" };
        const other = { ...member("m5", "zalo-5"), unitId: "hung-dao.da-quan" };
        await store.members.saveMany([head, other]);
        expect((await store.members.membersOfChat("zalo", "zalo-4")).map((m) => m.id)).toEqual([
          "m4",
        ]);
        expect(await store.members.membersOfChat("telegram", "zalo-4")).toEqual([]);
        expect((await store.members.findByPhone("0912345678")).map((m) => m.id)).toEqual(["m4"]);
        const inUnits = await store.members.listInUnits(["hung-dao.da-quan", HAMLET]);
        expect(inUnits.map((m) => m.id)).toEqual(["m5", "m4"]);
      });

      it("lists the members holding a role, each once, whatever units it is held over", async () => {
        const head = (id: string, ...hamlets: string[]): Member => ({
          ...member(id),
          roles: hamlets.map((unitId) => ({ role: "hamlet_head", unitId, orgIds: [] })),
        });
        await store.members.saveMany([
          head("h1", HAMLET),
          member("m1"),
          head("h2", HAMLET, "hung-dao.da-quan"),
          { ...head("h3", "hung-dao.da-quan"), active: false },
        ]);
        const ids = async () =>
          (await store.members.listWithRole("hamlet_head")).map((m) => m.id).sort();
        expect(await ids()).toEqual(["h1", "h2", "h3"]);
        await store.members.save({ ...head("h1", HAMLET), roles: [] });
        expect(await ids()).toEqual(["h2", "h3"]);
        expect((await store.members.listWithRole("official")).map((m) => m.id)).toEqual([]);
        expect((await store.members.listWithRole("member")).map((m) => m.id)).toEqual(["m1"]);
      });
    });

    describe("a shared phone", () => {
      it("lists everyone bound to one chat, in the order they joined it", async () => {
        const wife = {
          ...member("m7", "shared"),
          identities: [{ channel: "zalo", chatId: "shared", boundAt: LATER, lastSeenAt: LATER }],
        };
        await store.members.saveMany([wife, member("m6", "shared"), member("m8", "other")]);
        const onChat = await store.members.membersOfChat("zalo", "shared");
        expect(onChat.map((m) => m.id)).toEqual(["m6", "m7"]);
      });

      it("a named invite for someone else on a bound chat asks first, then adds them beside the person there", async () => {
        await store.members.save({ ...member("m1", "shared"), name: "Hoàng Văn Thắng" });
        await store.invites.save({
          ...invite("WIFEAB"),
          name: "Lò Thị Mai",
          orgIds: ["hoi-phu-nu"],
        });
        const chat = { channel: "zalo", chatId: "shared" };
        const asked = await store.invites.redeem("WIFEAB", chat, NOW);
        expect(asked).toEqual({
          ok: false,
          reason: "shared",
          onChat: ["Hoàng Văn Thắng"],
          name: "Lò Thị Mai",
        });
        expect((await store.invites.get("WIFEAB"))?.usedAt).toBeUndefined();
        const added = await store.invites.redeem("WIFEAB", chat, LATER, { share: true });
        if (!added.ok) throw new Error(`refused: ${added.reason}`);
        expect(added.created).toBe(true);
        const onChat = await store.members.membersOfChat("zalo", "shared");
        expect(onChat.map((m) => m.name)).toEqual(["Hoàng Văn Thắng", "Lò Thị Mai"]);
        const [husband, wife] = onChat;
        expect(husband?.orgIds).toEqual([]);
        expect(husband?.roles).toHaveLength(1);
        expect(wife?.orgIds).toEqual(["hoi-phu-nu"]);
      });

      it("an invite naming the person already on the chat gives them its roles, without asking", async () => {
        await store.members.save({ ...member("m1", "shared"), name: "Hoàng Văn Thắng" });
        await store.invites.save({
          ...invite("HEADAB"),
          name: "hoàng văn  thắng",
          roles: ["hamlet_head"],
        });
        const result = await store.invites.redeem(
          "HEADAB",
          { channel: "zalo", chatId: "shared" },
          NOW,
        );
        expect(result).toEqual({ ok: true, memberId: "m1", created: false });
        const [only, ...others] = await store.members.membersOfChat("zalo", "shared");
        expect(others).toEqual([]);
        expect(only?.roles.map((g) => g.role)).toEqual(["member", "hamlet_head"]);
      });
    });

    describe("invites", () => {
      it("one code redeemed by many chats at once binds exactly one of them", async () => {
        await store.invites.save(invite("ACDEFG"));
        // The eight chats are all being answered already (a database adapter has a connection
        // open for each), so their redemptions really run at the same time.
        await Promise.all(Array.from({ length: 8 }, () => store.invites.get("ACDEFG")));
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.invites.redeem("ACDEFG", { channel: "zalo", chatId: `c${i}` }, NOW),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(
          Array(7).fill("used"),
        );
        expect(await store.members.list()).toHaveLength(1);
        expect(await store.invites.revoke("ACDEFG", NOW)).toBe("used");
      });
    });

    describe("broadcasts", () => {
      it("two changes from the same copy: only the first is stored, with its audit line", async () => {
        const first = broadcast("1");
        expect(await store.broadcasts.save(first, [])).toBe(true);
        const approved = { ...first, state: "scheduled" as const, revision: 1 };
        const rejected = { ...first, state: "rejected" as const, revision: 1 };
        const audit = (action: "approved" | "rejected") => ({
          broadcastId: "1",
          at: NOW,
          action,
          actorId: "b",
          version: 1,
          details: {},
        });
        expect(await store.broadcasts.save(approved, [audit("approved")])).toBe(true);
        expect(await store.broadcasts.save(rejected, [audit("rejected")])).toBe(false);
        expect((await store.broadcasts.get("1"))?.state).toBe("scheduled");
        expect((await store.broadcasts.audit("1")).map((e) => e.action)).toEqual(["approved"]);
      });
    });

    describe("outbox", () => {
      async function queue(keys: string[]): Promise<void> {
        const payloadId = await store.outbox.savePayload({ text: "Nhắc báo cáo tuần" });
        await store.outbox.enqueue(
          keys.map((key) => ({
            key,
            purpose: "reminder:w48",
            memberId: key,
            payloadId,
            notBefore: NOW,
          })),
          NOW,
        );
      }

      it("enqueues a key once, and leases each item to one worker", async () => {
        await queue(["a", "b", "c"]);
        const again = await store.outbox.enqueue(
          [{ key: "a", purpose: "reminder:w48", memberId: "a", payloadId: "x", notBefore: NOW }],
          NOW,
        );
        expect(again.map((e) => e.created)).toEqual([false]);
        // Two workers, both already waiting for work (each on a connection of its own).
        await Promise.all([store.outbox.nextDue(), store.outbox.nextDue()]);
        const [one, two] = await Promise.all([
          store.outbox.claim({ now: NOW, limit: 2, leaseMs: 60_000 }),
          store.outbox.claim({ now: NOW, limit: 2, leaseMs: 60_000 }),
        ]);
        const keys = [...(one ?? []), ...(two ?? [])].map((item) => item.key).sort();
        expect(keys).toEqual(["a", "b", "c"]);
        const item = one?.[0];
        if (!item?.lease) throw new Error("no lease");
        expect(await store.outbox.finish(item.key, "someone-else", { state: "sent" }, NOW)).toBe(
          false,
        );
        expect(await store.outbox.finish(item.key, item.lease.id, { state: "sent" }, NOW)).toBe(
          true,
        );
        expect((await store.outbox.progress("reminder:w48")).sent).toBe(1);
      });

      it("counts a send whose photo could not go with it as text only, before and after a prune", async () => {
        await queue(["a", "b"]);
        const [whole, wordsOnly] = await store.outbox.claim({
          now: NOW,
          limit: 2,
          leaseMs: 60_000,
        });
        if (!whole?.lease || !wordsOnly?.lease) throw new Error("no lease");
        await store.outbox.finish(whole.key, whole.lease.id, { state: "sent" }, NOW);
        await store.outbox.finish(
          wordsOnly.key,
          wordsOnly.lease.id,
          { state: "sent", textOnly: true },
          NOW,
        );
        expect((await store.outbox.get(wordsOnly.key))?.textOnly).toBe(true);
        const before = await store.outbox.progress("reminder:w48");
        expect([before.sent, before.textOnly]).toEqual([2, 1]);
        await store.outbox.prune("2026-11-26T00:00:00.000Z");
        const after = await store.outbox.progress("reminder:w48");
        expect([after.sent, after.textOnly, after.total]).toEqual([2, 1, 2]);
      });

      it("after a crash, what was being sent is queued again; ended sends are pruned, counts kept", async () => {
        await queue(["a", "b"]);
        const claimed = await store.outbox.claim({ now: NOW, limit: 2, leaseMs: 60_000 });
        const done = claimed[0];
        if (!done?.lease) throw new Error("no lease");
        await store.outbox.finish(done.key, done.lease.id, { state: "sent" }, NOW);
        const restarted = await opened.reopen();
        const recovered = await restarted.outbox.recover(LATER, "all");
        expect(recovered.map((item) => item.key)).toEqual([claimed[1]?.key]);
        expect((await restarted.outbox.get(claimed[1]?.key ?? ""))?.state).toBe("queued");

        const pruned = await restarted.outbox.prune("2026-11-26T00:00:00.000Z");
        expect(pruned.items).toBe(1);
        expect(await restarted.outbox.get(done.key)).toBeUndefined();
        const progress = await restarted.outbox.progress("reminder:w48");
        expect([progress.sent, progress.queued, progress.total]).toEqual([1, 1, 2]);
        expect(await restarted.outbox.payload(claimed[1]?.payloadId ?? "")).toMatchObject({
          text: "Nhắc báo cáo tuần",
        });
      });
    });

    describe("one member's messages in order", () => {
      /** Queues one message for a member, each in an enqueue of its own, all at NOW. */
      async function queueFor(memberId: string, ...keys: string[]): Promise<void> {
        const payloadId = await store.outbox.savePayload({ text: "Tổng hợp tuần 48" });
        for (const key of keys) {
          await store.outbox.enqueue(
            [{ key, purpose: "summary:w48", memberId, payloadId, notBefore: NOW }],
            NOW,
          );
        }
      }
      const claimAt = async (now: string) =>
        (await store.outbox.claim({ now, limit: 10, leaseMs: 60_000 })).map((item) => item.key);
      async function send(key: string): Promise<void> {
        const item = await store.outbox.get(key);
        if (!item?.lease) throw new Error(`${key} is not claimed`);
        expect(await store.outbox.finish(key, item.lease.id, { state: "sent" }, NOW)).toBe(true);
      }

      it("hands out three messages queued in one millisecond one at a time, in the order queued, also past a retry", async () => {
        // Keys sorting against the queue order: only the order queued may decide.
        await queueFor("lan", "lan:text", "lan:chart", "lan:sheet");
        await queueFor("minh", "minh:text");

        expect(await claimAt(NOW)).toEqual(["lan:text", "minh:text"]);
        // Lan's text is being sent: nothing more of hers, and nothing to wake up for.
        expect(await claimAt(NOW)).toEqual([]);
        expect(await store.outbox.nextDue()).toBeUndefined();

        // Her text is refused and waits for its retry; Minh's goes out meanwhile.
        const text = await store.outbox.get("lan:text");
        if (!text?.lease) throw new Error("no lease");
        const retry = { notBefore: LATER, attempts: 1, reason: "502" };
        expect(await store.outbox.release("lan:text", text.lease.id, retry, NOW)).toBe(true);
        await send("minh:text");
        expect(await claimAt(NOW)).toEqual([]);
        // The next thing that can go is her retry, not her chart due now but held back.
        expect(await store.outbox.nextDue()).toBe(LATER);

        // Another member's messages still flow.
        await queueFor("tuan", "tuan:text");
        expect(await claimAt(NOW)).toEqual(["tuan:text"]);

        expect(await claimAt(LATER)).toEqual(["lan:text"]);
        await send("lan:text");
        expect(await claimAt(LATER)).toEqual(["lan:chart"]);
        await send("lan:chart");
        expect(await claimAt(LATER)).toEqual(["lan:sheet"]);
      });

      it("keeps the order across a restart, and a message scheduled for later holds back nothing", async () => {
        const payloadId = await store.outbox.savePayload({ text: "Nhắc báo cáo" });
        await store.outbox.enqueue(
          [
            { key: "b-friday", purpose: "reminder", memberId: "lan", payloadId, notBefore: LATER },
            { key: "a-now", purpose: "reminder", memberId: "lan", payloadId, notBefore: NOW },
          ],
          NOW,
        );
        const restarted = await opened.reopen();
        // Queued after the restart, in the same millisecond: still after the others.
        await restarted.outbox.enqueue(
          [{ key: "0-then", purpose: "reminder", memberId: "lan", payloadId, notBefore: NOW }],
          NOW,
        );
        const claimed = await restarted.outbox.claim({ now: NOW, limit: 10, leaseMs: 60_000 });
        expect(claimed.map((item) => item.key)).toEqual(["a-now"]);
        // The one scheduled for later, due meanwhile, still waits while another is sent.
        const atLater = () => restarted.outbox.claim({ now: LATER, limit: 10, leaseMs: 60_000 });
        expect(await atLater()).toEqual([]);
        const [first] = claimed;
        if (!first?.lease) throw new Error("no lease");
        await restarted.outbox.finish(first.key, first.lease.id, { state: "sent" }, NOW);
        const next = await restarted.outbox.claim({ now: NOW, limit: 10, leaseMs: 60_000 });
        expect(next.map((item) => item.key)).toEqual(["0-then"]);
        const [then] = next;
        if (!then?.lease) throw new Error("no lease");
        await restarted.outbox.finish(then.key, then.lease.id, { state: "sent" }, NOW);
        expect((await atLater()).map((item) => item.key)).toEqual(["b-friday"]);
      });
    });

    describe("a send of two parts", () => {
      it("keeps the first part's id, and takes the last one's with the end, after a restart too", async () => {
        const payloadId = await store.outbox.savePayload({ text: "Họp xóm tối nay" });
        await store.outbox.enqueue(
          [{ key: "two", purpose: "broadcast:8", memberId: "a", payloadId, notBefore: NOW }],
          NOW,
        );
        const [claimed] = await store.outbox.claim({ now: NOW, limit: 1, leaseMs: 60_000 });
        if (!claimed?.lease) throw new Error("no lease");
        const part = (messageId: string) => ({
          channel: "telegram" as const,
          chatId: "500",
          messageId,
        });
        await store.outbox.recordPart(claimed.key, claimed.lease.id, part("7"), NOW);
        expect(
          await store.outbox.finish(
            claimed.key,
            claimed.lease.id,
            { state: "sent" },
            NOW,
            part("8"),
          ),
        ).toBe(true);
        const restarted = await opened.reopen();
        expect(await restarted.outbox.get("two")).toMatchObject({
          state: "sent",
          channel: "telegram",
          chatId: "500",
          messageIds: ["7", "8"],
        });
      });
    });

    describe("a batch stopped midway", () => {
      it("fails what is queued as cancelled, lets the send in flight finish, and a retry waits", async () => {
        const payloadId = await store.outbox.savePayload({ text: "Họp xóm tối nay" });
        const sends = ["a", "b", "c"].map((key) => ({
          key,
          purpose: "broadcast:7",
          memberId: key,
          payloadId,
          notBefore: NOW,
        }));
        await store.outbox.enqueue(sends, NOW);
        const [inFlight, retried] = await store.outbox.claim({
          now: NOW,
          limit: 2,
          leaseMs: 60_000,
        });
        if (!inFlight?.lease || !retried?.lease) throw new Error("no lease");
        const part = { channel: "zalo" as const, chatId: "zalo-a", messageId: "msg-1" };
        expect(await store.outbox.recordPart(inFlight.key, inFlight.lease.id, part, NOW)).toBe(
          true,
        );
        const retry = { notBefore: LATER, attempts: 1, reason: "429" };
        expect(await store.outbox.release(retried.key, retried.lease.id, retry, NOW)).toBe(true);
        expect(await store.outbox.nextDue()).toBe(NOW);

        expect(await store.outbox.cancel("broadcast:7", NOW)).toBe(2);
        expect(await store.outbox.nextDue()).toBeUndefined();
        expect(
          await store.outbox.finish(inFlight.key, inFlight.lease.id, { state: "sent" }, NOW),
        ).toBe(true);
        const sent = await store.outbox.get(inFlight.key);
        expect([sent?.state, sent?.channel, sent?.messageIds]).toEqual(["sent", "zalo", ["msg-1"]]);
        const progress = await store.outbox.progress("broadcast:7");
        expect([progress.sent, progress.failed, progress.queued, progress.total]).toEqual([
          1, 2, 0, 3,
        ]);
        expect((await store.outbox.list("broadcast:7")).map((item) => item.reason).sort()).toEqual([
          "cancelled",
          "cancelled",
          undefined,
        ]);
      });
    });

    describe("claims", () => {
      it("a key is claimed once until its time to live runs out", async () => {
        expect(await store.claims.claim("reminder:w48:fri", NOW, 60_000)).toBe(true);
        expect(await store.claims.claim("reminder:w48:fri", NOW, 60_000)).toBe(false);
        expect(await store.claims.has("reminder:w48:fri", NOW)).toBe(true);
        expect(await store.claims.claim("reminder:w48:fri", LATER, 60_000)).toBe(true);
        expect(await store.claims.claim("forever", NOW)).toBe(true);
        expect(await store.claims.claim("forever", "2030-01-01T00:00:00.000Z")).toBe(false);
      });
    });

    describe("counters and throttles", () => {
      it("hands out each number once, also to callers asking at once", async () => {
        const numbers = await Promise.all(
          Array.from({ length: 6 }, () => store.sequences.next("receipt:2026-W48")),
        );
        expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(await store.sequences.next("member")).toBe(1);
      });

      it("hands out a block of numbers at once, none of them again", async () => {
        expect(await store.sequences.next("member", 500)).toBe(1);
        expect(await store.sequences.next("member")).toBe(501);
        expect(await store.sequences.next("member", 2)).toBe(502);
        expect(await store.sequences.next("member")).toBe(504);
      });

      it("remembers wrong codes from a chat since a time, until cleared", async () => {
        await store.attempts.record("zalo:zalo-9", NOW);
        await store.attempts.record("zalo:zalo-9", LATER);
        expect(await store.attempts.since("zalo:zalo-9", LATER)).toEqual([LATER]);
        await store.attempts.clear("zalo:zalo-9");
        expect(await store.attempts.since("zalo:zalo-9", NOW)).toEqual([]);
      });
    });

    describe("reports", () => {
      it("keeps every earlier version, and refuses a change made from a replaced version", async () => {
        expect(await store.reports.save(report(0, "2026-48-0001"))).toBe(true);
        const accepted = { ...report(0, "2026-48-0001"), review: "accepted" as const };
        expect(await store.reports.save(report(1, "2026-48-0002"))).toBe(true);
        // An official's review of version 0 arrives after the head filed version 1.
        expect(await store.reports.save(accepted)).toBe(false);
        // Filing again from the same previous version loses too.
        expect(await store.reports.save(report(1, "2026-48-0003"))).toBe(false);
        expect(await store.reports.save({ ...report(1, "2026-48-0002"), review: "accepted" })).toBe(
          true,
        );
        const current = await store.reports.get(HAMLET, "2026-W48");
        expect([current?.version, current?.receipt, current?.review]).toEqual([
          1,
          "2026-48-0002",
          "accepted",
        ]);
        expect((await store.reports.history(HAMLET, "2026-W48")).map((r) => r.receipt)).toEqual([
          "2026-48-0001",
        ]);
      });
    });

    describe("reports changed since", () => {
      const other = (version: number, receipt: string): HamletReport => ({
        ...report(version, receipt),
        id: "hung-dao.na-lan@2026-W48",
        hamletId: "hung-dao.na-lan",
      });
      /** What a summary holds: the reports handed out, later ones in place of earlier. */
      const reader = () => {
        const held = new Map<string, HamletReport>();
        let mark: string | undefined;
        return {
          held,
          async catchUp(on: Store = store) {
            const changes = await on.reports.changedSince(mark);
            if (changes.everything) held.clear();
            for (const r of changes.reports) held.set(r.id, r);
            mark = changes.mark;
            return changes;
          },
        };
      };
      const receipts = (reports: Iterable<HamletReport>) =>
        [...reports].map((r) => `${r.hamletId} v${r.version} ${r.review}`).sort();

      it("hands out only what was filed or reviewed since, and the reader holds every report", async () => {
        await store.reports.save(report(0, "2026-48-0001"));
        const summary = reader();
        const first = await summary.catchUp();
        expect([first.everything, receipts(first.reports)]).toEqual([
          true,
          ["hung-dao.nam-phong-2 v0 submitted"],
        ]);
        expect(receipts((await summary.catchUp()).reports)).toEqual([]);

        await store.reports.save(report(1, "2026-48-0002"));
        await store.reports.submit({ report: other(0, ""), criteria: [] });
        const next = await summary.catchUp();
        expect([next.everything, receipts(next.reports)]).toEqual([
          false,
          ["hung-dao.na-lan v0 submitted", "hung-dao.nam-phong-2 v1 submitted"],
        ]);
        // An official returns a report: same version, a new review.
        await store.reports.save({ ...report(1, "2026-48-0002"), review: "returned" });
        expect(receipts((await summary.catchUp()).reports)).toEqual([
          "hung-dao.nam-phong-2 v1 returned",
        ]);
        expect(receipts(summary.held.values())).toEqual(receipts(await store.reports.listAll()));
      });

      it("a mark from before a restart goes on from there or hands out everything again", async () => {
        await store.reports.save(report(0, "2026-48-0001"));
        const summary = reader();
        await summary.catchUp();
        const reopened = await opened.reopen();
        await reopened.reports.save(report(1, "2026-48-0002"));
        await reopened.reports.submit({ report: other(0, ""), criteria: [] });
        await summary.catchUp(reopened);
        expect(receipts(summary.held.values())).toEqual([
          "hung-dao.na-lan v0 submitted",
          "hung-dao.nam-phong-2 v1 submitted",
        ]);
        // A mark this store never made reads as none.
        const stray = await reopened.reports.changedSince("not a mark");
        expect([stray.everything, stray.reports.length]).toEqual([true, 2]);
      });
    });

    describe("dialog drafts", () => {
      it("of two saves from the same revision, the second is refused", async () => {
        const draft = {
          memberId: "m1",
          flow: "report",
          step: "roads",
          answers: {},
          context: {},
          startedAt: NOW,
          updatedAt: NOW,
        };
        expect(await store.dialogs.saveNext({ ...draft, revision: 0 })).toBe(true);
        expect(await store.dialogs.saveNext({ ...draft, step: "funds", revision: 1 })).toBe(true);
        expect(await store.dialogs.saveNext({ ...draft, step: "trees", revision: 1 })).toBe(false);
        expect((await store.dialogs.get("m1"))?.step).toBe("funds");
      });
    });
    describe("outbox deletions", () => {
      it("keeps a deletion item with the messages it deletes, across a restart", async () => {
        const deletion = { channel: "telegram" as const, chatId: "500", messageIds: ["7", "8"] };
        await store.outbox.enqueue(
          [
            {
              key: "recall:broadcast:1:m0",
              purpose: "recall:broadcast:1",
              memberId: "m0",
              payloadId: "",
              deletion,
              urgent: true,
              notBefore: NOW,
            },
          ],
          NOW,
        );
        const restarted = await opened.reopen();
        const [claimed] = await restarted.outbox.claim({ now: NOW, limit: 1, leaseMs: 60_000 });
        expect(claimed?.deletion).toEqual(deletion);
        if (!claimed?.lease) throw new Error("no lease");
        const part = { channel: "telegram" as const, chatId: "500", messageId: "7" };
        expect(await restarted.outbox.recordPart(claimed.key, claimed.lease.id, part, NOW)).toBe(
          true,
        );
        expect((await restarted.outbox.get(claimed.key))?.messageIds).toEqual(["7"]);
      });
    });

    describe("report submission", () => {
      const { receipt: _receipt, ...filed } = report(0, "");
      const claimed = (criterionId: string) => ({
        unitId: HAMLET,
        criterionId,
        state: "claimed" as const,
        since: "2026-11-25",
        reportId: filed.id,
      });
      const nomination: Story = {
        id: "7",
        title: "Đường bê tông",
        text: "Bà con góp công làm đường",
        unitId: HAMLET,
        criterionIds: [],
        authorId: "head",
        reportId: filed.id,
        status: "nominated",
        consent: "agreed",
        createdAt: NOW,
        updatedAt: NOW,
      };

      it("files the report with its receipt, criteria and nomination", async () => {
        const stored = await store.reports.submit({
          report: filed,
          criteria: [claimed("2")],
          nomination: { save: nomination },
        });
        expect(stored?.receipt).toBe("2026-48-0001");
        expect((await store.reports.get(HAMLET, "2026-W48"))?.receipt).toBe("2026-48-0001");
        expect((await store.criteria.statuses(HAMLET)).map((s) => s.state)).toEqual(["claimed"]);
        expect((await store.stories.findByReport(filed.id))?.id).toBe("7");
      });

      it("of two submissions from the same version, one is filed; the next version keeps history", async () => {
        // Both heads are on the confirm step already (for a database, each on a connection).
        await Promise.all([store.reports.get(HAMLET, "2026-W48"), store.dialogs.get("head")]);
        const [one, two] = await Promise.all([
          store.reports.submit({ report: filed, criteria: [] }),
          store.reports.submit({
            report: { ...filed, values: { roadConcretedM: 5 } },
            criteria: [],
          }),
        ]);
        expect([one, two].filter((r) => r !== undefined)).toHaveLength(1);
        const second = await store.reports.submit({
          report: { ...filed, version: 1 },
          criteria: [],
          nomination: { remove: "7" },
        });
        expect(second?.receipt).toBe("2026-48-0002");
        expect(await store.reports.submit({ report: { ...filed, version: 1 }, criteria: [] })).toBe(
          undefined,
        );
        const restarted = await opened.reopen();
        expect((await restarted.reports.get(HAMLET, "2026-W48"))?.version).toBe(1);
        expect((await restarted.reports.history(HAMLET, "2026-W48")).map((r) => r.receipt)).toEqual(
          ["2026-48-0001"],
        );
      });
    });

    describe("kept files", () => {
      const photo = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);

      it("keeps a photo by key, lists it under its folder, and forgets it when deleted", async () => {
        await store.files.put("reports/nam-phong-2/a.jpg", {
          bytes: photo,
          mimeType: "image/jpeg",
        });
        await store.files.put("broadcasts/b.png", { bytes: photo, mimeType: "image/png" });
        const kept = await store.files.get("reports/nam-phong-2/a.jpg");
        expect(kept?.mimeType).toBe("image/jpeg");
        expect([...(kept?.bytes ?? [])]).toEqual([0xff, 0xd8, 0xff, 1, 2, 3]);
        expect(await store.files.list("reports/")).toEqual(["reports/nam-phong-2/a.jpg"]);
        await store.files.delete("reports/nam-phong-2/a.jpg");
        expect(await store.files.exists("reports/nam-phong-2/a.jpg")).toBe(false);
        expect(await store.files.get("reports/nam-phong-2/a.jpg")).toBeUndefined();
        expect(await store.files.exists("broadcasts/b.png")).toBe(true);
      });

      it("never reaches outside its files by a key", async () => {
        await expect(
          store.files.put("../db/x.json", { bytes: photo, mimeType: "image/jpeg" }),
        ).rejects.toThrow();
        expect(await store.files.get("../../etc/passwd")).toBeUndefined();
        expect(await store.files.exists("/etc/passwd")).toBe(false);
      });
    });

    describe("readiness", () => {
      it("answers a ping while open (what /readyz asks)", async () => {
        await expect(store.maintenance.ping()).resolves.toBeUndefined();
      });
    });

    describe("administrators' audit trail", () => {
      it("keeps what was done to whom, oldest first, after a restart", async () => {
        const entry = (id: string, at: string, action: "member-exported" | "member-forgotten") => ({
          id,
          at,
          actor: "cli:admin",
          action,
          memberId: "m7",
        });
        await store.audit.record(entry("b", "2026-11-25T04:00:00.000Z", "member-forgotten"));
        await store.audit.record(entry("a", NOW, "member-exported"));
        const restarted = await opened.reopen();
        expect((await restarted.audit.list()).map((e) => [e.id, e.action, e.memberId])).toEqual([
          ["a", "member-exported", "m7"],
          ["b", "member-forgotten", "m7"],
        ]);
        expect((await restarted.audit.list("2026-11-25T03:30:00.000Z")).map((e) => e.id)).toEqual([
          "b",
        ]);
      });

      it("raises the audit trail's change signal only", async () => {
        const before = await store.maintenance.versions();
        await store.audit.record({
          id: "c",
          at: NOW,
          actor: "cli:admin",
          action: "member-exported",
          memberId: "m7",
        });
        const after = await store.maintenance.versions();
        expect(after.audit ?? 0).toBeGreaterThan(before.audit ?? 0);
        expect(after.members ?? 0).toBe(before.members ?? 0);
      });
    });

    describe("change signal", () => {
      it("a write to a repository raises its version, and only its own", async () => {
        const before = await store.maintenance.versions();
        await store.reports.save(report(0, "2026-48-0001"));
        const after = await store.maintenance.versions();
        expect(after.reports ?? 0).toBeGreaterThan(before.reports ?? 0);
        expect(after.members ?? 0).toBe(before.members ?? 0);
        await store.reports.get(HAMLET, "2026-W48");
        expect(await store.maintenance.versions()).toEqual(after);
      });
    });
  });
}
