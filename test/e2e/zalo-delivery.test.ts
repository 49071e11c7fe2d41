import { afterEach, describe, expect, it } from "vitest";
import { Outbox } from "../../src/delivery/outbox.js";
import { DeliveryWorker } from "../../src/delivery/worker.js";
import type { Member } from "../../src/domain/member.js";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

let bench: ZaloBench;
let worker: DeliveryWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await bench?.stop();
});

function startDelivery(bench: ZaloBench): { outbox: Outbox; worker: DeliveryWorker } {
  const lane = bench.app.channel("zalo")?.lane;
  if (!lane) throw new Error("the Zalo channel is not running");
  const deps = bench.app.deps;
  const outbox = new Outbox({
    store: deps.store,
    now: deps.now,
    quietHours: null,
    timeZone: bench.config.timeZone,
  });
  worker = new DeliveryWorker({
    store: deps.store,
    outbox,
    channels: [lane],
    quietHours: null,
    timeZone: bench.config.timeZone,
    retryBaseMs: 5,
    now: deps.now,
  });
  return { outbox, worker };
}

function memberOn(chatId: string, at: Date): Member {
  return {
    id: "m-zalo",
    name: "Nông Thị Hoa",
    unitId: "hung-dao.nam-phong-2",
    orgIds: [],
    roles: [{ role: "member", unitId: "hung-dao.nam-phong-2", orgIds: [] }],
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [
      { channel: "zalo", chatId, boundAt: at.toISOString(), lastSeenAt: at.toISOString() },
    ],
    source: "cli",
    createdAt: at.toISOString(),
  };
}

describe("proactive messages on Zalo", () => {
  it("reach a member's Zalo chat, and a number typed under one picks its choice", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "REMYND", roles: ["hamlet_head"], unitId: "hung-dao.nam-phong-2" });
    const head = bench.emulator.user({ displayName: "Thắng" });
    await head.send("REMYND");
    await head.waitForBotMessage();
    const [member] = await bench.app.deps.store.members.list();
    const { outbox, worker } = startDelivery(bench);
    await worker.start();
    await outbox.enqueue({
      key: "reminder:2026-W48:fri:test",
      purpose: "reminder:2026-W48:fri",
      memberId: member?.id ?? "",
      message: {
        text: "Xóm Nam Phong 2 chưa có báo cáo tuần này.",
        choices: [[{ data: "menu:help", label: "Hướng dẫn" }]],
      },
    });
    await worker.whenIdle();
    const reminder = await head.waitForBotMessage();
    expect(reminder.text).toContain("Xóm Nam Phong 2 chưa có báo cáo tuần này.");
    expect(reminder.text).toContain("1. Hướng dẫn");
    await head.send("1");
    expect((await head.waitForBotMessage()).text).toContain("Các việc anh/chị có thể làm");
  });

  it("marks a Zalo chat unreachable only after refusals on three separate days; Zalo's 403 never counts", async () => {
    bench = await startZaloBench();
    // A user who never wrote to the bot: Zalo refuses every send to them (400).
    const silent = bench.emulator.user({ displayName: "Chưa nhắn" });
    await bench.app.deps.store.members.save(memberOn(silent.id, bench.clock.now));
    const { outbox, worker } = startDelivery(bench);
    await worker.start();
    const unreachable = async () =>
      (await bench.app.deps.store.members.get("m-zalo"))?.identities[0]?.unreachable;

    const day = 86_400_000;
    const start = bench.clock.now.getTime();
    for (const [i, offset] of [0, day, 2 * day].entries()) {
      bench.clock.now = new Date(start + offset);
      await outbox.enqueue({
        key: `broadcast:${i}:m-zalo`,
        purpose: `broadcast:${i}`,
        memberId: "m-zalo",
        message: { text: `Tin số ${i + 1}` },
      });
      await worker.whenIdle();
      expect((await outbox.list(`broadcast:${i}`))[0]?.state).toBe("failed");
      if (i < 2) expect(await unreachable(), `after day ${i + 1}`).toBeUndefined();
    }
    expect(await unreachable()).toBeDefined();

    // A chat that wrote, hit by Zalo's "internal error" 403: retried, delivered, not marked.
    const hoa = bench.emulator.user({ displayName: "Hoa" });
    await hoa.send("xin chào");
    await hoa.waitForBotMessage();
    await bench.app.deps.store.members.save({ ...memberOn(hoa.id, bench.clock.now), id: "m-hoa" });
    bench.emulator.injectFault({ kind: "internal-error", method: "sendMessage", times: 2 });
    // The pacer runs on the bench's clock: let a minute pass since the last send.
    bench.clock.now = new Date(bench.clock.now.getTime() + 60_000);
    await outbox.enqueue({
      key: "broadcast:9:m-hoa",
      purpose: "broadcast:9",
      memberId: "m-hoa",
      message: { text: "Tin mới" },
    });
    // Each transient failure is retried later: move the clock past the backoff.
    for (let round = 0; round < 3; round++) {
      await worker.whenIdle();
      bench.clock.now = new Date(bench.clock.now.getTime() + 60_000);
    }
    await worker.whenIdle();
    expect((await outbox.list("broadcast:9"))[0]?.state).toBe("sent");
    expect(hoa.lastBotMessage()?.text).toBe("Tin mới");
    expect(
      bench.emulator.calls({ method: "sendMessage", chatId: hoa.id, outcome: "error" }),
    ).toHaveLength(2);
    const hoaNow = await bench.app.deps.store.members.get("m-hoa");
    expect(hoaNow?.identities[0]?.unreachable).toBeUndefined();
    expect(hoaNow?.identities[0]?.failureDays ?? []).toEqual([]);
  });
});
