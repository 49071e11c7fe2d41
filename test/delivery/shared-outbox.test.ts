import pg from "pg";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { Outbox } from "../../src/delivery/outbox.js";
import { ChannelPacer } from "../../src/delivery/pacer.js";
import { realSleep } from "../../src/delivery/timing.js";
import { DeliveryWorker, type DeliveryWorkerOptions } from "../../src/delivery/worker.js";
import { openPgStore, type PgStore } from "../../src/store/postgres/pg-store.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/testing/telegram/index.js";
import { postgresSkipReason, TEST_DATABASE_URL, TestSchema } from "../support/postgres.js";
import { receivedPerChat, TestClock, telegramChannel, telegramMembers, ZONE } from "./fixtures.js";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping the tests of instances sharing an outbox: ${skipReason}`);

const LEASE_MS = 3 * 60_000;
const chatIds = (n: number) => Array.from({ length: n }, (_, i) => 100_000 + i);

describe.skipIf(skipReason !== undefined)("sends of instances sharing PostgreSQL", () => {
  const schemas: TestSchema[] = [];
  const stores: PgStore[] = [];
  const workers: DeliveryWorker[] = [];
  let emulator: TelegramEmulator | undefined;
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    await emulator?.close();
    emulator = undefined;
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    for (const schema of schemas) await schema.drop();
  });

  /** The Telegram emulator, with no limits of its own: what is measured is the bot's pace. */
  async function emulate(): Promise<TelegramEmulator> {
    emulator = await startTelegramEmulator({ unknownChats: "create", rateLimits: false });
    return emulator;
  }

  /** `count` instances' stores on one fresh schema, the first with `members` members queued a message each. */
  async function instances(count: number, members: number): Promise<PgStore[]> {
    const schema = new TestSchema();
    schemas.push(schema);
    const opened: PgStore[] = [];
    for (let i = 0; i < count; i++) {
      opened.push(await openPgStore(TEST_DATABASE_URL, { schema: schema.name }));
    }
    stores.push(...opened);
    const [first] = opened;
    if (!first) throw new Error("no instance");
    await first.members.saveMany(telegramMembers(members));
    const outbox = new Outbox({
      store: first,
      now: () => new Date(),
      quietHours: null,
      timeZone: ZONE,
    });
    await outbox.enqueueMany(
      chatIds(members).map((_, i) => ({
        key: `broadcast:1:m${i}`,
        purpose: "broadcast:1",
        memberId: `m${i}`,
        message: { text: "Mời bà con dự Ngày Chủ nhật xanh." },
      })),
    );
    return opened;
  }

  /** One instance's worker as the app sets it up on PostgreSQL. */
  function worker(
    store: PgStore,
    e: TelegramEmulator,
    rate: number,
    options: Partial<DeliveryWorkerOptions> = {},
  ): DeliveryWorker {
    const made = new DeliveryWorker({
      store,
      channels: [telegramChannel(e, rate)],
      quietHours: null,
      timeZone: ZONE,
      retryBaseMs: 10,
      idlePollMs: 50,
      recoverAtStart: "expired",
      leaseMs: LEASE_MS,
      ...options,
    });
    workers.push(made);
    return made;
  }

  it("leaves another live instance's sends in flight alone, and takes them over once its lease has passed", async () => {
    const e = await emulate();
    const [first, second] = await instances(2, 10);
    if (!first || !second) throw new Error("two instances expected");
    // The first instance holds four sends on the wire when the second starts.
    const held = await first.outbox.claim({
      now: new Date().toISOString(),
      limit: 4,
      leaseMs: LEASE_MS,
    });
    const heldChats = held.map((item) => 100_000 + Number(item.memberId.slice(1)));

    const clock = new TestClock();
    const other = worker(second, e, 100, { now: clock.now, recoverEveryMs: 0 });
    expect((await other.start()).recovered).toBe(0);
    await other.whenIdle();
    expect(await second.outbox.progress("broadcast:1")).toMatchObject({ sent: 6, sending: 4 });
    expect(heldChats.map((chatId) => e.chat(chatId).length)).toEqual([0, 0, 0, 0]);

    // The first instance died: once its lease has passed, the second sends what it held.
    clock.set(new Date(Date.now() + LEASE_MS + 1000));
    other.wake();
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 10);
    await other.whenIdle();
    expect(await second.outbox.progress("broadcast:1")).toMatchObject({ sent: 10, sending: 0 });
    expect([...receivedPerChat(e, chatIds(10)).values()]).toEqual(Array(10).fill(1));
  });

  it("on stop, hands its claimed sends back, and another instance sends them without waiting for a lease", async () => {
    const e = await emulate();
    const [first, second] = await instances(2, 40);
    if (!first || !second) throw new Error("two instances expected");
    const stopping = worker(first, e, 20, { claimAheadMs: 1000 });
    await stopping.start();
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 3);
    await stopping.stop();
    const handedBack = await first.outbox.progress("broadcast:1");
    expect(handedBack.sending).toBe(0);
    expect(handedBack.queued).toBeGreaterThan(0);

    const other = worker(second, e, 200);
    await other.start();
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 40);
    await other.whenIdle();
    expect(await second.outbox.progress("broadcast:1")).toMatchObject({ sent: 40 });
    expect([...receivedPerChat(e, chatIds(40)).values()]).toEqual(Array(40).fill(1));
  });

  it("keeps the channel's rate with two instances together, not each", async () => {
    const rate = 20;
    const count = 60;
    // No limit in the emulator: its 429s would slow the instances down by themselves.
    const e = await emulate();
    const [first, second] = await instances(2, count);
    if (!first || !second) throw new Error("two instances expected");
    const both = [first, second].map((store) =>
      worker(store, e, rate, { sharedPace: store.sendPace }),
    );
    for (const each of both) await each.start();
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, count, 30_000);
    for (const each of both) await each.whenIdle();

    expect([...receivedPerChat(e, chatIds(count)).values()]).toEqual(Array(count).fill(1));
    const times = e.calls({ method: "sendMessage" }).map((call) => call.at);
    const spanMs = Math.max(...times) - Math.min(...times);
    // Slots are handed out one interval apart whichever instance takes them, so the batch
    // lasts at least as long as at the rate from one instance; a busy machine only adds.
    // Each instance pacing alone would have taken half of it.
    expect(spanMs).toBeGreaterThanOrEqual(((count - 2) * 1000) / rate);
    const busiest = Math.max(
      ...times.map((start) => times.filter((at) => at >= start && at < start + 1000).length),
    );
    console.info(
      `${count} messages from 2 instances sharing ${rate}/s: ${(spanMs / 1000).toFixed(1)} s, at most ${busiest} in any second`,
    );
  });

  it("sends nothing twice when sends wait in line past their lease: they go back to the queue", async () => {
    const rate = 5;
    const count = 20;
    const e = await emulate();
    const [first, second] = await instances(2, count);
    if (!first || !second) throw new Error("two instances expected");
    // The first instance takes the whole batch at once: at 5 a second the last ones would
    // get their slot some 4 s later, long after their 1.5 s lease, while the second looks
    // for expired leases five times a second.
    const lease = { leaseMs: 1500, maxHoldMs: 500, recoverEveryMs: 200 };
    const greedy = worker(first, e, rate, {
      ...lease,
      claimAheadMs: 10_000,
      sharedPace: first.sendPace,
    });
    await greedy.start();
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 1);
    const other = worker(second, e, rate, { ...lease, sharedPace: second.sendPace });
    await other.start();
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, count, 30_000);
    for (const each of [greedy, other]) await each.whenIdle();

    expect(await second.outbox.progress("broadcast:1")).toMatchObject({ sent: count });
    expect([...receivedPerChat(e, chatIds(count)).values()]).toEqual(Array(count).fill(1));
  });

  it("holds every instance's sends while the platform's retry_after, told to one, runs", async () => {
    const [first, second] = await instances(2, 0);
    if (!first || !second) throw new Error("two instances expected");
    const pacer = (store: PgStore) =>
      new ChannelPacer({ ratePerSecond: 100, perChatIntervalMs: 0 }, () => Date.now(), realSleep, {
        pace: store.sendPace,
        channel: "telegram",
      });
    const told = pacer(first);
    const other = pacer(second);
    const pausedAt = Date.now();
    told.pause(1500);
    // Once the pause is in the database, the other instance's next send waits for it.
    await vi.waitFor(async () =>
      expect(await nextSlotAt(schemas.at(-1))).toBeGreaterThan(pausedAt + 1000),
    );
    expect(await other.acquire("100001")).toEqual({ kind: "go" });
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(1400);
  });
});

/** When the Telegram channel's next send slot is free, read from the database. */
async function nextSlotAt(schema: TestSchema | undefined): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query<{ next_at: number }>(
      `SELECT next_at FROM "${schema?.name}".send_pace WHERE id = 'telegram'`,
    );
    return Number(result.rows[0]?.next_at ?? 0);
  } finally {
    await client.end();
  }
}
