import { describe, expect, it } from "vitest";
import { FakeSender, member, setUpDelivery, TestClock, vn } from "./fixtures.js";

const telegram = () => new FakeSender("telegram", 4096);
const zalo = () => new FakeSender("zalo", 2000);

async function deliverOne(
  senders: FakeSender[],
  members: Parameters<typeof setUpDelivery>[0]["members"],
  options: { clock?: TestClock; unreachableAfterFailureDays?: number; key?: string } = {},
) {
  const setup = await setUpDelivery({
    channels: senders.map((sender) => ({
      sender,
      ratePerSecond: 100,
      perChatIntervalMs: 0,
      ...(sender.channel === "zalo" && options.unreachableAfterFailureDays
        ? { unreachableAfterFailureDays: options.unreachableAfterFailureDays }
        : {}),
    })),
    members,
    clock: options.clock,
  });
  await setup.outbox.enqueue({
    key: options.key ?? "broadcast:1:m1",
    purpose: "broadcast:1",
    memberId: "m1",
    message: { text: "Tin mới" },
  });
  await setup.worker.start();
  await setup.worker.whenIdle();
  await setup.worker.stop();
  return setup;
}

describe("choosing where a member gets a proactive message", () => {
  it("sends once, on Zalo, to a member who wrote on Zalo last", async () => {
    const [t, z] = [telegram(), zalo()];
    await deliverOne(
      [t, z],
      [
        member(
          "m1",
          ["telegram", "555", "2026-11-20T08:00:00.000Z"],
          ["zalo", "8012345678901234567", "2026-11-25T08:00:00.000Z"],
        ),
      ],
    );
    expect(t.sent.length).toBe(0);
    expect(z.to("8012345678901234567").map((m) => m.text)).toEqual(["Tin mới"]);
  });

  it("sends once, on Telegram, to a member who wrote on Telegram last", async () => {
    const [t, z] = [telegram(), zalo()];
    const { store } = await deliverOne(
      [t, z],
      [
        member(
          "m1",
          ["telegram", "555", "2026-11-26T08:00:00.000Z"],
          ["zalo", "8012345678901234567", "2026-11-25T08:00:00.000Z"],
        ),
      ],
    );
    expect(z.sent.length).toBe(0);
    expect(t.to("555").length).toBe(1);
    expect(await store.outbox.get("broadcast:1:m1")).toMatchObject({
      state: "sent",
      channel: "telegram",
      chatId: "555",
    });
  });

  it("reaches a member on their other channel when the one used last turns out blocked", async () => {
    const [t, z] = [telegram(), zalo()];
    t.failWith = () => ({
      kind: "unreachable",
      reason: "403: Forbidden: bot was blocked by the user",
    });
    const { store } = await deliverOne(
      [t, z],
      [
        member(
          "m1",
          ["telegram", "555", "2026-11-26T08:00:00.000Z"],
          ["zalo", "801", "2026-11-25T08:00:00.000Z"],
        ),
      ],
    );
    expect(z.to("801").length).toBe(1);
    const m1 = await store.members.get("m1");
    expect(m1?.identities.find((i) => i.channel === "telegram")?.unreachable).toBeDefined();
    expect(m1?.identities.find((i) => i.channel === "zalo")?.unreachable).toBeUndefined();
  });

  it("uses Telegram when Zalo is not running, even if the member wrote on Zalo last", async () => {
    const t = telegram();
    await deliverOne(
      [t],
      [
        member(
          "m1",
          ["telegram", "555", "2026-11-20T08:00:00.000Z"],
          ["zalo", "801", "2026-11-25T08:00:00.000Z"],
        ),
      ],
    );
    expect(t.to("555").length).toBe(1);
  });

  it("fails a message for a member only reachable on a channel that is not running", async () => {
    const t = telegram();
    const { store } = await deliverOne([t], [member("m1", ["zalo", "801"])]);
    expect(await store.outbox.get("broadcast:1:m1")).toMatchObject({
      state: "failed",
      reason: "no-channel-running",
    });
  });
});

describe("Zalo's rule: unreachable only after permanent failures on 3 separate days", () => {
  it("counts days, not failures, and marks the chat on the third day", async () => {
    const z = zalo();
    z.failWith = () => ({ kind: "permanent", reason: "400: bad request" });
    const clock = new TestClock(vn("2026-11-25T09:00:00"));
    const setup = await setUpDelivery({
      channels: [
        { sender: z, ratePerSecond: 100, perChatIntervalMs: 0, unreachableAfterFailureDays: 3 },
      ],
      members: [member("m1", ["zalo", "801"])],
      clock,
    });
    await setup.worker.start();
    const attemptOn = async (day: string, n: number) => {
      clock.set(vn(`${day}T09:00:00`));
      await setup.outbox.enqueue({
        key: `p:${day}:${n}`,
        purpose: "p",
        memberId: "m1",
        message: { text: "Tin" },
      });
      await setup.worker.whenIdle();
      return (await setup.store.members.get("m1"))?.identities[0];
    };
    expect((await attemptOn("2026-11-25", 1))?.failureDays).toEqual(["2026-11-25"]);
    expect((await attemptOn("2026-11-25", 2))?.unreachable).toBeUndefined();
    expect((await attemptOn("2026-11-26", 1))?.unreachable).toBeUndefined();
    const third = await attemptOn("2026-11-28", 1);
    expect(third?.failureDays).toEqual(["2026-11-25", "2026-11-26", "2026-11-28"]);
    expect(third?.unreachable).toBeDefined();
    await setup.worker.stop();
    expect(await setup.outbox.progress("p")).toMatchObject({ failed: 4 });
  });

  it("never marks a Telegram chat for permanent failures", async () => {
    const t = telegram();
    t.failWith = () => ({ kind: "permanent", reason: "400: Bad Request: message is too long" });
    const { store } = await deliverOne([t], [member("m1", ["telegram", "555"])], {
      unreachableAfterFailureDays: 3,
    });
    const identity = (await store.members.get("m1"))?.identities[0];
    expect(identity?.failureDays).toBeUndefined();
    expect(identity?.unreachable).toBeUndefined();
  });
});
