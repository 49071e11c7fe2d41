import { afterEach, describe, expect, it, vi } from "vitest";
import {
  botMessagesPerChat,
  campaign,
  seedRecipients,
  seedStaff,
  tickingClock,
} from "./support/broadcast-bench.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

/** Waits until every chat shows `count` broadcast messages, or fails after a while. */
function untilEach(b: TelegramBench, chats: number[], count: number): Promise<void> {
  return vi.waitFor(
    () => {
      const counts = [...botMessagesPerChat(b, chats).values()];
      if (!counts.every((n) => n >= count))
        throw new Error(`not every chat got ${count} messages: ${counts}`);
    },
    { timeout: 10_000, interval: 25 },
  );
}

/** Lets the worker look at the queue once more, so nothing extra is merely on its way. */
async function settle(b: TelegramBench): Promise<void> {
  await b.app.delivery.whenIdle();
}

describe("a weekly broadcast", () => {
  it("fires once per week at its time, by the injected clock, also across restarts and downtime", async () => {
    // Wednesday 25/11/2026 10:00 in Cao Bằng.
    const b = await startTelegramBench({
      emulator: { rateLimits: false },
      env: { BROADCAST_APPROVAL: "off" },
      start: new Date("2026-11-25T03:00:00Z"),
    });
    bench = b;
    tickingClock(b);
    const staff = await seedStaff(b);
    const chats = await seedRecipients(b, 3);
    const result = await b.app.broadcasting.submit(
      staff.authorMember,
      campaign("Thứ Hai: nhắc bà con giữ vệ sinh đường làng", {
        schedule: { kind: "weekly", weekday: 1, time: "08:00" },
      }),
    );
    expect(result.ok && result.broadcast.state).toBe("scheduled");

    // Nothing before Monday 08:00.
    b.clock.now = new Date("2026-11-30T00:59:00Z");
    await b.app.jobs.catchUp();
    await settle(b);
    expect([...botMessagesPerChat(b, chats).values()]).toEqual([0, 0, 0]);

    b.clock.now = new Date("2026-11-30T01:00:05Z");
    await b.app.jobs.catchUp();
    await untilEach(b, chats, 1);
    b.clock.now = new Date("2026-11-30T01:03:00Z");
    await b.app.jobs.catchUp();
    await b.restart();
    await settle(b);
    expect([...botMessagesPerChat(b, chats).values()]).toEqual([1, 1, 1]);

    // Down over the next Monday 08:00: the missed occurrence fires at start, once.
    await b.app.stop();
    b.clock.now = new Date("2026-12-07T02:30:00Z");
    await b.restart();
    await untilEach(b, chats, 2);
    await b.restart();
    await b.app.jobs.catchUp();
    await settle(b);
    expect([...botMessagesPerChat(b, chats).values()]).toEqual([2, 2, 2]);

    const runs = (await b.app.deps.store.broadcasts.get("1"))?.runs.map((r) => r.occurrence);
    expect(runs).toEqual(["2026-11-30T01:00:00.000Z", "2026-12-07T01:00:00.000Z"]);
  });
});
