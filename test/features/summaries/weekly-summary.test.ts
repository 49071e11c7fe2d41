import { describe, expect, it } from "vitest";
import { Outbox } from "../../../src/delivery/outbox.js";
import type { Member } from "../../../src/domain/member.js";
import {
  lastClosedWeek,
  pushWeeklySummaries,
  type WeeklySummaryDeps,
  weeklySummaryJob,
} from "../../../src/features/summaries/weekly-summary.js";
import { JobRunner } from "../../../src/jobs/job-runner.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { memberWith, openWorld, seedHungDao, type World } from "../status/status-harness.js";

const TZ = "Asia/Ho_Chi_Minh";

function reachable(member: Member, chatId: string): Member {
  const at = "2026-11-01T00:00:00.000Z";
  return {
    ...member,
    identities: [{ channel: "telegram", chatId, boundAt: at, lastSeenAt: at }],
  };
}

async function officials(world: World): Promise<void> {
  const official = (id: string, unitId: string) =>
    memberWith(id, [{ role: "official", unitId, orgIds: [] }], unitId);
  await world.store.members.save(reachable(official("m-hd", "hung-dao"), "101"));
  await world.store.members.save({
    ...reachable(official("m-hd-en", "hung-dao"), "102"),
    locale: "en",
  });
  await world.store.members.save(reachable(official("m-vq", "vinh-quang"), "103"));
  await world.store.members.save({
    ...reachable(official("m-gone", "hung-dao"), "104"),
    active: false,
  });
  await world.store.members.save(official("m-nochat", "hung-dao"));
  await world.store.members.save(
    reachable(
      memberWith("m-head", [{ role: "hamlet_head", unitId: "hung-dao.da-quan", orgIds: [] }]),
      "105",
    ),
  );
}

function summaryDeps(world: World): WeeklySummaryDeps {
  const { store, i18n, logger, config } = world.deps;
  const now = world.clock.now;
  return {
    store,
    i18n,
    logger,
    config,
    now,
    outbox: new Outbox({ store, now, quietHours: null, timeZone: TZ }),
  };
}

describe("the weekly summary", () => {
  it("is for the week that closed before the run", () => {
    // Monday 30/11/2026 12:30 in Hanoi: week 48 (23/11 – 29/11) has just closed.
    expect(lastClosedWeek(new Date("2026-11-30T05:30:00Z"), TZ)).toBe("2026-W48");
    // Sunday 29/11 23:59 in Hanoi: week 48 is not over yet.
    expect(lastClosedWeek(new Date("2026-11-29T16:59:00Z"), TZ)).toBe("2026-W47");
  });

  it("sends each active official with a chat the summary of their area, in their language: text, chart, spreadsheet", async () => {
    const world = await openWorld("2026-11-30T05:30:00Z");
    await seedHungDao(world);
    await officials(world);
    const run = await pushWeeklySummaries(summaryDeps(world), "2026-W48");
    expect(run.areas.sort()).toEqual(["hung-dao", "tinh-cao-bang", "vinh-quang"]);
    expect(run.queued).toBe(9);

    const items = await world.store.outbox.list("summary:2026-W48");
    expect(items.map((i) => i.key).sort()).toEqual([
      "summary:2026-W48:hung-dao:m-hd-en:chart",
      "summary:2026-W48:hung-dao:m-hd-en:sheet",
      "summary:2026-W48:hung-dao:m-hd-en:text",
      "summary:2026-W48:hung-dao:m-hd:chart",
      "summary:2026-W48:hung-dao:m-hd:sheet",
      "summary:2026-W48:hung-dao:m-hd:text",
      "summary:2026-W48:vinh-quang:m-vq:chart",
      "summary:2026-W48:vinh-quang:m-vq:sheet",
      "summary:2026-W48:vinh-quang:m-vq:text",
    ]);
    const payload = async (key: string) => {
      const item = items.find((i) => i.key === key);
      return item ? world.store.outbox.payload(item.payloadId) : undefined;
    };
    const text = await payload("summary:2026-W48:hung-dao:m-hd:text");
    expect(text?.text).toContain("TỔNG HỢP TUẦN 23/11 – 29/11/2026 — Xã Hưng Đạo");
    expect(text?.text).toContain("Đã báo cáo: 8/9 (89%)");
    expect((await payload("summary:2026-W48:hung-dao:m-hd-en:text"))?.text).toContain(
      "SUMMARY, WEEK 23 NOV – 29 NOV 2026 — Hưng Đạo commune",
    );
    const chart = await payload("summary:2026-W48:hung-dao:m-hd:chart");
    expect(chart?.file?.kind).toBe("photo");
    const sheet = await payload("summary:2026-W48:hung-dao:m-hd:sheet");
    expect(sheet?.file?.fileName).toBe("tong-hop-hung-dao-2026-W48.xlsx");
    expect((await payload("summary:2026-W48:hung-dao:m-hd-en:sheet"))?.file?.fileName).toBe(
      "summary-hung-dao-2026-W48.xlsx",
    );
    // Text first, then the chart, then the spreadsheet.
    const due = (part: string) =>
      items.find((i) => i.key === `summary:2026-W48:hung-dao:m-hd:${part}`)?.notBefore ?? "";
    expect(due("text") < due("chart") && due("chart") < due("sheet")).toBe(true);

    const stored = await world.store.summaries.get("2026-W48", "hung-dao");
    expect(stored?.summary.reporting.reported).toBe(8);
  });

  it("runs once per week, also when the job runs again or the bot restarts", async () => {
    const world = await openWorld("2026-11-30T05:45:00Z");
    await seedHungDao(world);
    await officials(world);
    const deps = summaryDeps(world);
    const job = weeklySummaryJob(deps, ["30 12 * * 1"]);
    const runner = () =>
      new JobRunner([job], {
        store: world.store,
        logger: deps.logger,
        timeZone: TZ,
        now: world.clock.now,
      });
    await runner().catchUp();
    await runner().catchUp();
    expect(await world.store.outbox.progress("summary:2026-W48")).toMatchObject({ total: 9 });

    // Even with the job's "done" mark lost, a second run sends nothing again.
    const again = await pushWeeklySummaries(deps, "2026-W48");
    expect(again.queued).toBe(0);

    // A report corrected after the summary was stored does not change what was stored.
    const filed = await world.store.reports.get("hung-dao.nam-phong-1", "2026-W48");
    if (!filed) throw new Error("the seeded report is missing");
    await world.store.reports.save({ ...filed, values: { roadConcretedM: 9999 }, version: 1 });
    await pushWeeklySummaries(deps, "2026-W48");
    const stored = await world.store.summaries.get("2026-W48", "hung-dao");
    expect(stored?.summary.fields.find((f) => f.fieldId === "roadConcretedM")?.value).toBe(2400);

    await world.store.close();
    const reopened = await openLowStore(world.dir);
    const afterRestart = {
      ...deps,
      store: reopened,
      outbox: new Outbox({ store: reopened, now: world.clock.now, quietHours: null, timeZone: TZ }),
    };
    await new JobRunner([weeklySummaryJob(afterRestart, ["30 12 * * 1"])], {
      store: reopened,
      logger: deps.logger,
      timeZone: TZ,
      now: world.clock.now,
    }).catchUp();
    expect(await reopened.outbox.progress("summary:2026-W48")).toMatchObject({ total: 9 });
  });

  it("catches up a Monday missed while the bot was down, and the next Monday sends the next week", async () => {
    const world = await openWorld("2026-12-02T02:00:00Z"); // Wednesday 09:00: Monday's run was missed
    await seedHungDao(world);
    await officials(world);
    const deps = summaryDeps(world);
    const runner = new JobRunner([weeklySummaryJob(deps, ["30 12 * * 1"])], {
      store: world.store,
      logger: deps.logger,
      timeZone: TZ,
      now: world.clock.now,
    });
    await runner.catchUp();
    expect((await world.store.outbox.progress("summary:2026-W48")).total).toBe(9);
    world.clock.set("2026-12-07T05:31:00Z");
    await runner.catchUp();
    expect((await world.store.outbox.progress("summary:2026-W49")).total).toBe(9);
    expect((await world.store.outbox.progress("summary:2026-W48")).total).toBe(9);
  });
});
