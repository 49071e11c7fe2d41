import { describe, expect, it } from "vitest";
import type { Story } from "../../../src/domain/story.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../../support/processes.js";

const story = (id: string, changes: Partial<Story> = {}): Story => ({
  id,
  title: `Truyện ${id}`,
  text: "Chị Hoa vận động hiến đất.",
  unitId: "hung-dao.nam-phong-2",
  criterionIds: [],
  authorId: "head-1",
  status: "nominated",
  consent: "agreed",
  createdAt: "2026-11-25T03:00:00.000Z",
  updatedAt: "2026-11-25T03:00:00.000Z",
  ...changes,
});

describe("the stored story library", () => {
  it("keeps stories across a reopen, found by report, by broadcast and by status", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    await store.stories.save(story("1", { reportId: "h@2026-W48" }));
    await store.stories.save(
      story("2", { submission: { broadcastId: "b-1", by: "br", at: "2026-11-26T00:00:00.000Z" } }),
    );
    await store.stories.save(story("3", { status: "published", broadcastId: "b-0" }));
    await store.maintenance.flush();

    const reopened = await openLowStore(dir);
    expect((await reopened.stories.findByReport("h@2026-W48"))?.id).toBe("1");
    expect((await reopened.stories.findByBroadcast("b-1"))?.id).toBe("2");
    expect((await reopened.stories.findByBroadcast("b-0"))?.id).toBe("3");
    expect((await reopened.stories.listByStatus("nominated")).map((s) => s.id).sort()).toEqual([
      "1",
      "2",
    ]);
  });

  it("moves a story between statuses when it is saved again, and forgets a removed one", async () => {
    const store = await openLowStore(await tempDir());
    await store.stories.save(story("1"));
    await store.stories.save(story("1", { status: "published", broadcastId: "b-1" }));
    expect(await store.stories.listByStatus("nominated")).toEqual([]);
    expect((await store.stories.listByStatus("published")).map((s) => s.id)).toEqual(["1"]);
    await store.stories.remove("1");
    expect(await store.stories.get("1")).toBeUndefined();
    expect(await store.stories.findByBroadcast("b-1")).toBeUndefined();
  });
});
