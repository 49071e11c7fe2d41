import { describe, expect, it } from "vitest";
import type { Broadcast } from "../../../src/domain/broadcast.js";
import { newBroadcast } from "../../../src/domain/broadcast-lifecycle.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../../support/processes.js";

const AT = "2026-11-25T03:00:00.000Z";
function broadcast(id: string, authorId = "a"): Broadcast {
  return newBroadcast(
    {
      kind: "campaign",
      text: "x",
      audience: { orgIds: ["hoi-phu-nu"], areaIds: ["hung-dao"], roles: [] },
      schedule: { kind: "now" },
      urgent: false,
    },
    { id, authorId, senderUnitId: "hung-dao", at: AT },
    true,
  );
}

describe("broadcasts in the lowdb store", () => {
  it("stores a change only when made from the latest copy, with its audit lines, across a reopen", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const first = broadcast("1");
    expect(
      await store.broadcasts.save(first, [
        { broadcastId: "1", at: AT, action: "composed", actorId: "a", version: 1, details: {} },
      ]),
    ).toBe(true);
    const approved = { ...first, state: "scheduled" as const, revision: 1 };
    const rejected = { ...first, state: "rejected" as const, revision: 1 };
    expect(
      await store.broadcasts.save(approved, [
        { broadcastId: "1", at: AT, action: "approved", actorId: "b", version: 1, details: {} },
      ]),
    ).toBe(true);
    // A second approver deciding from the same copy loses, and leaves no audit line.
    expect(
      await store.broadcasts.save(rejected, [
        { broadcastId: "1", at: AT, action: "rejected", actorId: "c", version: 1, details: {} },
      ]),
    ).toBe(false);
    expect(await store.broadcasts.save(broadcast("1"), [])).toBe(false);
    await store.broadcasts.save(broadcast("2", "z"), []);
    await store.close();

    const reopened = await openLowStore(dir);
    expect((await reopened.broadcasts.get("1"))?.state).toBe("scheduled");
    expect((await reopened.broadcasts.audit("1")).map((e) => [e.seq, e.action])).toEqual([
      [1, "composed"],
      [2, "approved"],
    ]);
    expect((await reopened.broadcasts.listByAuthor("z")).map((b) => b.id)).toEqual(["2"]);
    expect((await reopened.broadcasts.listInStates(["scheduled"])).map((b) => b.id)).toEqual(["1"]);
    expect((await reopened.broadcasts.list()).map((b) => b.id)).toEqual(["2", "1"]);
  });
});
