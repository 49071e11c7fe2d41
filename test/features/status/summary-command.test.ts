import { describe, expect, it } from "vitest";
import { Outbox } from "../../../src/delivery/outbox.js";
import { pushWeeklySummaries } from "../../../src/features/summaries/weekly-summary.js";
import { memberWith, openWorld, StatusChat, seedHungDao } from "./status-harness.js";

describe("/summary", () => {
  it("returns the stored summary of last week: text, chart and spreadsheet", async () => {
    // Monday 30/11/2026 13:00 in Hanoi: week 48 has closed and its summary was stored.
    const world = await openWorld("2026-11-30T06:00:00Z");
    await seedHungDao(world);
    const { store, i18n, logger, config } = world.deps;
    const now = world.clock.now;
    const outbox = new Outbox({ store, now, quietHours: null, timeZone: config.timeZone });

    const member = memberWith("m-1", [{ role: "official", unitId: "hung-dao", orgIds: [] }]);
    const at = "2026-11-01T00:00:00.000Z";
    await store.members.save({
      ...member,
      identities: [{ channel: "telegram", chatId: "1", boundAt: at, lastSeenAt: at }],
    });
    await pushWeeklySummaries({ store, i18n, logger, config, now, outbox }, "2026-W48");

    const official = new StatusChat(world, member);
    const [text, chart, sheet, ...rest] = await official.command("summary");
    expect(rest).toEqual([]);
    expect(text?.text).toContain("TỔNG HỢP TUẦN 23/11 – 29/11/2026 — Xã Hưng Đạo");
    expect(chart?.file?.kind).toBe("photo");
    expect(sheet?.file?.fileName).toBe("tong-hop-hung-dao-2026-W48.xlsx");

    const [byNumber] = await official.command("summary", "48");
    expect(byNumber?.text).toContain("TỔNG HỢP TUẦN 23/11 – 29/11/2026");
  });

  it("compiles a closed week nobody stored on demand, and keeps it so a second ask gets the same", async () => {
    // Monday 30/11/2026 13:00 in Hanoi; nothing was stored for week 46.
    const world = await openWorld("2026-11-30T06:00:00Z");
    await seedHungDao(world);
    const official = new StatusChat(world, {
      ...memberWith("m-1", [{ role: "official", unitId: "thuc-phan", orgIds: [] }]),
    });
    const [text, chart, sheet] = await official.command("summary", "2026-W46");
    expect(text?.text).toContain("TỔNG HỢP TUẦN 09/11 – 15/11/2026 — Phường Thục Phán");
    expect(chart?.file?.kind).toBe("photo");
    expect(sheet?.file?.fileName).toBe("tong-hop-thuc-phan-2026-W46.xlsx");
    const stored = await world.deps.store.summaries.get("2026-W46", "thuc-phan");
    expect(stored?.areaId).toBe("thuc-phan");
  });

  it("says so for a week still running, and when the week cannot be read", async () => {
    const world = await openWorld("2026-11-30T06:00:00Z");
    const official = new StatusChat(world, {
      ...memberWith("m-1", [{ role: "official", unitId: "thuc-phan", orgIds: [] }]),
      locale: "en",
    });
    const [none] = await official.command("summary", "2026-W49");
    expect(none?.text).toBe(
      "There is no stored summary of week 30 Nov – 6 Dec 2026 for Thục Phán ward yet. A week's summary is compiled after the week has closed. For the current figures, type /status.",
    );
    expect(await world.deps.store.summaries.get("2026-W49", "thuc-phan")).toBeUndefined();
    const [bad] = await official.command("summary", "sometime");
    expect(bad?.text).toContain('The week "sometime" was not understood.');
  });
});
