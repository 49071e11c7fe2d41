import { describe, expect, it } from "vitest";
import { ChannelPacer } from "../../src/delivery/pacer.js";

/** A pacer on a clock that only moves when the pacer sleeps. */
function pacedAt(ratePerSecond: number, perChatIntervalMs: number) {
  const clock = { ms: 0 };
  const pacer = new ChannelPacer(
    { ratePerSecond, perChatIntervalMs },
    () => clock.ms,
    async (ms) => {
      clock.ms += ms;
    },
  );
  const sendAt = async (chatId: string) => {
    await pacer.acquire(chatId);
    return clock.ms;
  };
  return { pacer, clock, sendAt };
}

describe("pacing a channel", () => {
  it("spaces sends to different chats evenly at the channel's rate", async () => {
    const { sendAt } = pacedAt(25, 1000);
    const times = [];
    for (const chat of ["a", "b", "c", "d"]) times.push(await sendAt(chat));
    expect(times).toEqual([0, 40, 80, 120]);
  });

  it("keeps a second message into the same chat a full second after the first", async () => {
    const { sendAt } = pacedAt(25, 1000);
    expect(await sendAt("a")).toBe(0);
    expect(await sendAt("b")).toBe(40);
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
