import { afterEach, describe, expect, it } from "vitest";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

let bench: ZaloBench;
afterEach(async () => {
  await bench?.stop();
});

describe("a member's record is never overwritten from a stale copy", () => {
  it("a Zalo member marked unreachable whose first message is /lang en is reachable again, seen now, in English", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "MAYUPD", roles: ["member"], unitId: "hung-dao.da-quan" });
    const user = bench.emulator.user({ displayName: "Mai" });
    await user.send("MAYUPD");
    await user.waitForBotMessage();
    const store = bench.app.deps.store;
    const [joined] = await store.members.list();
    if (!joined) throw new Error("the member did not join");
    // Deliveries failed on three days: the chat was marked unreachable long ago.
    const longAgo = "2026-01-05T02:00:00.000Z";
    await store.members.save({
      ...joined,
      identities: joined.identities.map((identity) => ({
        ...identity,
        lastSeenAt: longAgo,
        failureDays: ["2026-01-03", "2026-01-04", "2026-01-05"],
        unreachable: { since: longAgo, reason: "chat not found" },
      })),
    });

    await user.send("/lang en");
    expect((await user.waitForBotMessage()).text).toBe("Switched to English.");

    const after = await store.members.get(joined.id);
    expect(after?.locale).toBe("en");
    const [identity] = after?.identities ?? [];
    expect(identity?.unreachable).toBeUndefined();
    expect(identity?.failureDays ?? []).toEqual([]);
    expect(identity && identity.lastSeenAt > longAgo).toBe(true);
  });
});
