import { afterAll, describe, expect, it } from "vitest";
import type { Period } from "../../../src/domain/period.js";
import type { HamletReport } from "../../../src/domain/report.js";
import type { Summary } from "../../../src/domain/summary/index.js";
import { syncReferenceData } from "../../../src/features/reference-sync.js";
import { SummarySource } from "../../../src/features/summaries/summary-source.js";
import { loadReferenceData } from "../../../src/reference/loader.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { openPgStore } from "../../../src/store/postgres/pg-store.js";
import type { Store } from "../../../src/store/store.js";
import { LargeCity } from "../../../src/testing/large-city.js";
import { person } from "../../support/people.js";
import { postgresSkipReason, TEST_DATABASE_URL, TestSchema } from "../../support/postgres.js";
import { tempDir } from "../../support/processes.js";

const TZ = "Asia/Ho_Chi_Minh";
/** Wednesday of 2026-W09: the city's eight weeks have all ended. */
const NOW = new Date("2026-02-25T03:00:00.000Z");
const LAST_WEEK: Period = { kind: "week", week: "2026-W08" };
const QUARTER: Period = { kind: "quarter", year: 2026, quarter: 1 };

/** 2 communes × 10 hamlets over 2026-W01…W08; one hamlet in ten misses each week. */
const city = new LargeCity({ communes: 2, hamletsPerCommune: 10, weeks: 8 });
const W08 = 7;
/** Hamlet 7 of the first commune has no report for W08 (see LargeCity's rule). */
const LATE_FILER = 7;

async function seeded(store: Store): Promise<void> {
  await syncReferenceData(store, loadReferenceData());
  await store.units.saveMany(city.units);
  for (const report of city.allReports()) await store.reports.save(report);
}

/**
 * A source kept up to date across changes, as the bot's is, against one compiled from
 * nothing: the same store, the same question, the same answer expected.
 */
function summaries(kept: SummarySource, store: Store) {
  const ask = (source: SummarySource, area: string, period: Period) =>
    source.compile(area, period, NOW, TZ);
  const both = async (area: string, period: Period) => ({
    kept: await ask(kept, area, period),
    fresh: await ask(new SummarySource(store), area, period),
  });
  return {
    /** Each area and period asked, kept and fresh: they must be equal. */
    async all(): Promise<{ kept: Summary; fresh: Summary }[]> {
      return [
        await both(city.rootId, LAST_WEEK),
        await both(city.rootId, QUARTER),
        await both(city.communeIds[0] as string, QUARTER),
      ];
    },
  };
}

function expectSame(pairs: { kept: Summary; fresh: Summary }[]): Summary {
  for (const { kept, fresh } of pairs) expect(kept).toEqual(fresh);
  return (pairs[0] as { kept: Summary }).kept;
}

const roads = (summary: Summary) =>
  summary.fields.find((field) => field.fieldId === "roadConcretedM");

const skipReason = await postgresSkipReason();
const schema = new TestSchema();
afterAll(async () => {
  if (!skipReason) await schema.drop();
});

describe("a summary kept up to date report by report", () => {
  it("after a new, a corrected and a returned report and a renamed hamlet, equals one compiled afresh", async () => {
    const store = await openLowStore(await tempDir());
    try {
      await seeded(store);
      const source = new SummarySource(store);
      const ask = summaries(source, store);
      const before = expectSame(await ask.all());
      expect(before.reporting.reported).toBe(18);

      // A head files the missing report of the week, late.
      const filed = city.report(LATE_FILER, W08 - 1) as HamletReport;
      const late: HamletReport = {
        ...filed,
        id: filed.id.replace("2026-W07", "2026-W08"),
        week: "2026-W08",
        late: true,
      };
      const { receipt: _receipt, ...unnumbered } = late;
      await store.reports.submit({ report: unnumbered, criteria: [] });
      const afterNew = expectSame(await ask.all());
      expect([afterNew.reporting.reported, afterNew.reporting.late]).toEqual([
        19,
        before.reporting.late + 1,
      ]);

      // The head corrects the road built: a new version replaces the first.
      const stored = (await store.reports.get(late.hamletId, "2026-W08")) as HamletReport;
      await store.reports.save({
        ...stored,
        values: { ...stored.values, roadConcretedM: 250 },
        version: stored.version + 1,
      });
      const corrected = expectSame(await ask.all());
      expect(roads(corrected)?.value).toBe((roads(afterNew)?.value ?? 0) + 150);

      // An official returns it for clarification: same version, a new review.
      const current = (await store.reports.get(late.hamletId, "2026-W08")) as HamletReport;
      await store.reports.save({ ...current, review: "returned" });
      const returned = expectSame(await ask.all());
      expect(returned.reporting.awaitingClarification.map((h) => h.id)).toEqual([late.hamletId]);

      // The hamlet is renamed.
      const hamlet = city.units.find((unit) => unit.id === late.hamletId);
      await store.units.saveMany([{ ...(hamlet as (typeof city.units)[number]), name: "Xóm Mới" }]);
      const renamed = expectSame(await ask.all());
      expect(renamed.hamlets.find((row) => row.hamlet.id === late.hamletId)?.hamlet.name).toBe(
        "Xóm Mới",
      );
    } finally {
      await store.close();
    }
  });

  it("names a hamlet head who joined since the last summary, and no longer one who left", async () => {
    const store = await openLowStore(await tempDir());
    try {
      const hamletId = city.hamletIds[0] as string;
      const head = (id: string) =>
        person(id, hamletId, [], [{ role: "hamlet_head", unitId: hamletId, orgIds: [] }]);
      await store.members.save(head("m1"));
      const source = new SummarySource(store);
      const names = async () => (await source.heads()).get(hamletId)?.map((m) => m.name);
      expect(await names()).toEqual(["Người m1"]);
      await store.members.save(head("m2"));
      expect(await names()).toEqual(["Người m1", "Người m2"]);
      await store.members.save({ ...head("m1"), active: false });
      expect(await names()).toEqual(["Người m2"]);
    } finally {
      await store.close();
    }
  });

  it("gives each official the heads' phones of their own hamlets only, and a head who just joined", async () => {
    const store = await openLowStore(await tempDir());
    try {
      await store.units.saveMany(city.units);
      const [ownCommune, otherCommune] = city.communeIds as [string, string];
      const hamletId = city.hamletIds[0] as string;
      const official = (id: string, unitId: string) =>
        person(id, unitId, [], [{ role: "official", unitId, orgIds: [] }]);
      const head = (id: string) => ({
        ...person(id, hamletId, [], [{ role: "hamlet_head", unitId: hamletId, orgIds: [] }]),
        phone: `090000000${id.length}`,
      });
      await store.members.save(head("h1"));
      const source = new SummarySource(store);
      const tree = await source.tree();
      const shown = async (reader: ReturnType<typeof official>) =>
        (await source.contacts(reader, tree)).get(hamletId);
      const own = official("o1", ownCommune);
      const other = official("o2", otherCommune);
      expect(await shown(own)).toEqual([{ name: "Người h1", phone: "0900000002" }]);
      expect(await shown(other)).toEqual([{ name: "Người h1" }]);
      expect(await shown(own)).toEqual([{ name: "Người h1", phone: "0900000002" }]);

      await store.members.save(head("h22"));
      expect(await shown(other)).toEqual([{ name: "Người h1" }, { name: "Người h22" }]);
    } finally {
      await store.close();
    }
  });

  it.skipIf(skipReason !== undefined)(
    "on PostgreSQL, takes in a report another instance filed",
    async () => {
      const open = () => openPgStore(TEST_DATABASE_URL, { schema: schema.name });
      const one = await open();
      const two = await open();
      try {
        await schema.empty();
        await seeded(one);
        const source = new SummarySource(one);
        const ask = summaries(source, one);
        expect(expectSame(await ask.all()).reporting.reported).toBe(18);

        const filed = city.report(LATE_FILER, W08 - 1) as HamletReport;
        await two.reports.save({
          ...filed,
          id: filed.id.replace("2026-W07", "2026-W08"),
          week: "2026-W08",
        });
        expect(expectSame(await ask.all()).reporting.reported).toBe(19);
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    },
  );
});
