import { describe, expect, it } from "vitest";
import { ChannelPacer } from "../../src/delivery/pacer.js";

/**
 * A pacer on a clock that only moves when the pacer sleeps; `late` says by how much the n-th
 * sleep overshoots (none by default).
 */
function pacedAt(ratePerSecond: number, perChatIntervalMs: number, late = (_n: number) => 0) {
  const clock = { ms: 0 };
  let sleeps = 0;
  const pacer = new ChannelPacer(
    { ratePerSecond, perChatIntervalMs },
    () => clock.ms,
    async (ms) => {
      sleeps += 1;
      clock.ms += ms + late(sleeps);
    },
  );
  const sendAt = async (chatId: string) => {
    await pacer.acquire(chatId);
    return clock.ms;
  };
  return { pacer, clock, sendAt };
}

describe("pacing a channel", () => {
  it("spaces sends to different chats evenly, a little under the channel's rate", async () => {
    const { sendAt } = pacedAt(25, 1000);
    const times: number[] = [];
    for (let chat = 0; chat < 6; chat++) times.push(await sendAt(`chat-${chat}`));
    const gaps = times.slice(2).map((t, i) => t - (times[i + 1] as number));
    // 25 a second would be 40 ms apart; 4% under it, about 41.7.
    for (const gap of gaps) expect(gap).toBeCloseTo(1000 / (25 * 0.96), 5);
  });

  it("leaves every second's window room for a send held up on the way, even when timers fire late", async () => {
    for (const rate of [10, 30, 1000]) {
      // Each sleep overshoots by up to 10 ms, as timers do on a busy machine.
      const { sendAt } = pacedAt(rate, 1000, (n) => (n * 7919) % 11);
      const times: number[] = [];
      for (let n = 0; n < rate * 20; n++) times.push(await sendAt(`chat-${n}`));
      // What the platform counts: no more than `rate` sends in any second, and the one after
      // them comes late enough that a send delayed by 20 ms on the way still fits.
      for (let k = 0; k + rate < times.length; k++) {
        expect((times[k + rate] as number) - (times[k] as number)).toBeGreaterThanOrEqual(1020);
      }
      // And late timers do not cost the rate: still 95% of it or more.
      const spanS = ((times.at(-1) as number) - (times[0] as number)) / 1000;
      expect((times.length - 1) / spanS).toBeGreaterThanOrEqual(0.95 * rate);
    }
  });

  it("lets a reply to a person go before a broadcast's sends already waiting", async () => {
    const { pacer } = pacedAt(25, 1000);
    const order: string[] = [];
    const sends = [0, 1, 2, 3].map((n) =>
      pacer.acquire(`chat-${n}`).then(() => order.push(`send ${n}`)),
    );
    const reply = pacer.acquireForReply().then(() => order.push("reply"));
    await Promise.all([...sends, reply]);
    expect(order).toEqual(["send 0", "reply", "send 1", "send 2", "send 3"]);
  });

  it("loses only part of a timer held up longer, as by garbage collection, and keeps the slack", async () => {
    const rate = 1000;
    // Once a second a timer fires 40 ms late, three times what the grid absorbs.
    const { sendAt } = pacedAt(rate, 1000, (n) => (n % 1000 === 0 ? 40 : 0));
    const times: number[] = [];
    for (let n = 0; n < rate * 10; n++) times.push(await sendAt(`chat-${n}`));
    for (let k = 0; k + rate < times.length; k++) {
      expect((times[k + rate] as number) - (times[k] as number)).toBeGreaterThanOrEqual(1020);
    }
    const spanS = ((times.at(-1) as number) - (times[0] as number)) / 1000;
    // Losing the whole 40 ms each second gave 0.925 of the rate.
    expect((times.length - 1) / spanS).toBeGreaterThanOrEqual(0.935 * rate);
  });

  it("keeps a second message into the same chat a full second after the first", async () => {
    const { sendAt } = pacedAt(25, 1000);
    expect(await sendAt("a")).toBe(0);
    expect(await sendAt("b")).toBeLessThan(1000);
    expect(await sendAt("a")).toBe(1000);
  });

  it("holds every chat while the platform's retry_after runs", async () => {
    const { pacer, clock, sendAt } = pacedAt(25, 1000);
    await sendAt("a");
    clock.ms = 500;
    pacer.pause(3000);
    expect(await sendAt("b")).toBe(3500);
  });

  it("gives up waiting when told to stop", async () => {
    const { pacer } = pacedAt(25, 1000);
    await pacer.acquire("a");
    const stop = new AbortController();
    stop.abort();
    expect(await pacer.acquire("a", stop.signal)).toEqual({ kind: "stopped" });
  });

  it("says how long a long pause lasts instead of waiting it out", async () => {
    const { pacer, clock } = pacedAt(25, 1000);
    pacer.pause(120_000);
    clock.ms = 20_000;
    expect(await pacer.acquire("a", undefined, 60_000)).toEqual({ kind: "paused", forMs: 100_000 });
    expect(clock.ms).toBe(20_000);
  });
});
