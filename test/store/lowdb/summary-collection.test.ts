import { describe, expect, it } from "vitest";
import { compileSummary } from "../../../src/domain/summary/index.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { cityInput } from "../../domain/summary/city.js";
import { tempDir } from "../../support/processes.js";

describe("stored summaries", () => {
  it("keep a week's summary per area across a reopen, found by week and by area", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const week = compileSummary(cityInput("an-binh", { kind: "week", week: "2025-W09" }));
    const city = compileSummary(cityInput("tp", { kind: "week", week: "2025-W09" }));
    const storedAt = "2025-03-03T05:30:00.000Z";
    await store.summaries.save({
      periodKey: "2025-W09",
      areaId: "an-binh",
      summary: week,
      storedAt,
    });
    await store.summaries.save({
      periodKey: "2025-W09",
      areaId: "tp",
      summary: city,
      storedAt,
    });
    await store.close();

    const reopened = await openLowStore(dir);
    const found = await reopened.summaries.get("2025-W09", "an-binh");
    expect(found?.summary.reporting.reported).toBe(week.reporting.reported);
    expect(found?.summary.area.name).toBe("Xã An Bình");
    expect(await reopened.summaries.get("2025-W08", "an-binh")).toBeUndefined();
    expect((await reopened.summaries.listPeriod("2025-W09")).map((s) => s.areaId).sort()).toEqual([
      "an-binh",
      "tp",
    ]);
    expect(await reopened.summaries.periodsOf("tp")).toEqual(["2025-W09"]);
  });

  it("stores a campaign's summary although its key is not a file name", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const period = {
      kind: "campaign",
      campaignId: "ntm-test",
      from: "2021-01-01",
      to: "2025-12-31",
    } as const;
    const summary = compileSummary(cityInput("tp", period));
    await store.summaries.save({
      periodKey: "campaign:ntm-test",
      areaId: "tp",
      summary,
      storedAt: "2025-03-05T03:00:00.000Z",
    });
    await store.close();
    const reopened = await openLowStore(dir);
    expect((await reopened.summaries.get("campaign:ntm-test", "tp"))?.summary.period).toEqual(
      period,
    );
  });
});
