import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataDir } from "../../src/bootstrap.js";
import type { HamletReport } from "../../src/domain/report.js";
import { reportId } from "../../src/domain/report.js";
import { openPgStore } from "../../src/store/postgres/pg-store.js";
import {
  buttonsOf,
  headOf,
  memberWith,
  openWorld,
  StatusChat,
  seedHungDao,
} from "../features/status/status-harness.js";
import { jsonOf, runCli } from "../support/cli.js";
import { postgresSkipReason, TEST_DATABASE_URL, TestSchema } from "../support/postgres.js";
import { tempDir } from "../support/processes.js";
import { type CellValue, readWorkbook } from "../support/xlsx.js";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping store migrate: ${skipReason}`);

const CHART = Buffer.from("biểu đồ tuần 12").toString("base64");
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
const PHOTO_KEY = "reports/hung-dao.nam-phong-2@2026-W12/road.jpg";

function report(hamletId: string, week: string, version: number, roads: number): HamletReport {
  return {
    id: reportId(hamletId, week),
    hamletId,
    week,
    receipt: `${week}-${hamletId}-${version}`,
    authorId: `head-${hamletId}`,
    groups: [],
    values: { roadConcretedM: roads, treesPlanted: 10 },
    criteriaClaimed: [],
    photos: [],
    submittedAt: "2026-03-20T03:00:00.000Z",
    late: false,
    review: "submitted",
    version,
  };
}

interface Moved {
  collections: { collection: string; source: number; target: number }[];
  files: number;
  verified: boolean;
}

describe.skipIf(skipReason !== undefined)("npm run cli -- store migrate", () => {
  const schema = new TestSchema();
  let dir: string;
  let payloadId: string;

  /**
   * A small city on JSON files: the heads of Thục Phán's hamlets, their week-12 reports (Đà
   * Quận none, Nam Phong 2 filed twice, with a photo), and a chart queued for an official.
   */
  beforeAll(async () => {
    await schema.create();
    dir = await tempDir();
    const opened = await openDataDir({ dataDir: dir }, "owner");
    const { store } = opened;
    const hamlets = (await store.units.list()).filter((u) => u.parent === "thuc-phan");
    await store.members.saveMany(
      hamlets.map((hamlet, i) => headOf(hamlet.id, i, "2026-01-05T02:00:00.000Z")),
    );
    for (const hamlet of hamlets.filter((h) => h.id !== "hung-dao.da-quan")) {
      await store.reports.save(report(hamlet.id, "2026-W12", 0, 300));
    }
    await store.reports.save(report("hung-dao.nam-phong-2", "2026-W12", 1, 450));
    await store.files.put(PHOTO_KEY, { bytes: PHOTO, mimeType: "image/jpeg" });
    payloadId = await store.outbox.savePayload({
      text: "Tổng hợp tuần 12",
      file: { kind: "photo", fileName: "tuan-12.png", mimeType: "image/png", base64: CHART },
    });
    await store.outbox.enqueue(
      [
        {
          key: "summary:2026-W12:m1",
          purpose: "summary:2026-W12",
          memberId: "m1",
          payloadId,
          notBefore: "2026-03-23T05:30:00.000Z",
        },
      ],
      "2026-03-23T05:30:00.000Z",
    );
    await opened.close();
  });
  afterAll(() => schema.drop());

  it("copies every record and file, twice over the same, and the summary reads the same", async () => {
    const migrate = ["store", "migrate", "--to", schema.url, "--json"];
    const first = jsonOf<Moved>(await runCli(migrate, { DATA_DIR: dir }));
    const again = jsonOf<Moved>(await runCli(migrate, { DATA_DIR: dir }));
    for (const moved of [first, again]) {
      expect(moved.verified).toBe(true);
      expect(moved.files).toBe(2);
      const count = (name: string) => moved.collections.find((c) => c.collection === name);
      expect(count("reports")).toEqual({ collection: "reports", source: 8, target: 8 });
      expect(count("report-history")).toEqual({
        collection: "report-history",
        source: 1,
        target: 1,
      });
    }

    const summary = ["summary", "--week", "2026-W12", "--area", "thuc-phan"];
    const onFiles = await runCli(summary, { DATA_DIR: dir });
    const onDatabase = await runCli(summary, {
      DATA_DIR: await tempDir(),
      DATABASE_URL: schema.url,
    });
    expect(onFiles.stdout).toContain("Đã báo cáo: 8/9 (89%)");
    expect(onDatabase.stdout).toBe(onFiles.stdout);

    // The spreadsheet an official downloads holds the same cells, sheet by sheet (but for the
    // line saying when it was made).
    const fromFiles = await summaryWorkbook(summary, { DATA_DIR: dir });
    const fromDatabase = await summaryWorkbook(summary, {
      DATA_DIR: await tempDir(),
      DATABASE_URL: schema.url,
    });
    expect(Object.keys(fromFiles).length).toBeGreaterThan(3);
    expect(JSON.stringify(fromFiles)).toContain("Nam Phong 2");
    expect(fromDatabase).toEqual(fromFiles);

    const store = await openPgStore(TEST_DATABASE_URL, { schema: schema.name });
    try {
      expect((await store.outbox.payload(payloadId))?.file?.base64).toBe(CHART);
      expect([...((await store.files.get(PHOTO_KEY))?.bytes ?? [])]).toEqual([...PHOTO]);
      expect((await store.outbox.progress("summary:2026-W12")).queued).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("says what is wrong with a --to that is not a PostgreSQL URL, and copies nothing", async () => {
    const run = await runCli(["store", "migrate", "--to", "https://db.example.vn"], {
      DATA_DIR: dir,
      DEFAULT_LOCALE: "en",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "--to must be a PostgreSQL URL, e.g. postgres://user:password@host:5432/database",
    );
    expect(await readdir(dir)).toContain("db");
  });
});

describe.skipIf(skipReason !== undefined)("store migrate of the demo's city", () => {
  const schema = new TestSchema();
  beforeAll(() => schema.create());
  afterAll(() => schema.drop());

  /** Wednesday 25/11/2026, 10:00 in Hanoi: week 48 is under way. */
  const NOW = "2026-11-25T03:00:00Z";

  it("shows an official the same /status and the same spreadsheet before and after", async () => {
    // The demo's data folder: empty at first, the shipped units, criteria and organisations
    // synced into it, then the heads of Hưng Đạo's hamlets and their reports of weeks 47–48.
    const world = await openWorld(NOW);
    await seedHungDao(world);
    await world.store.close();
    const official = memberWith("official-1", [
      { role: "official", unitId: "hung-dao", orgIds: [] },
    ]);
    const onFiles = await statusSeenBy(new StatusChat(world, official));

    const moved = jsonOf<Moved>(
      await runCli(["store", "migrate", "--to", schema.url, "--json"], { DATA_DIR: world.dir }),
    );
    expect(moved.verified).toBe(true);

    const store = await openPgStore(TEST_DATABASE_URL, { schema: schema.name });
    try {
      const onDatabase = await statusSeenBy(
        new StatusChat({ ...world, deps: { ...world.deps, store } }, official),
      );
      expect(onFiles.week).toContain("Báo cáo: 8/9 xóm (89%).");
      expect(onFiles.week).toContain("Đường bê tông hóa mới: 2,4 km (tuần trước 1,1 km)");
      expect(onFiles.hamlet).toContain("Xóm Nam Phong 2 — tuần 23/11 – 29/11/2026");
      expect(onDatabase).toEqual(onFiles);
    } finally {
      await store.close();
    }

    const summary = ["summary", "--week", "2026-W48", "--area", "hung-dao"];
    const fromFiles = await summaryWorkbook(summary, { DATA_DIR: world.dir });
    const fromDatabase = await summaryWorkbook(summary, {
      DATA_DIR: await tempDir(),
      DATABASE_URL: schema.url,
    });
    expect(JSON.stringify(fromFiles)).toContain("Nam Phong 2");
    expect(fromDatabase).toEqual(fromFiles);
  });
});

/**
 * What an official sees of /status: the week's text and the chart's buttons, the hamlets to
 * choose from, and Nam Phong 2's week (reported once late, then on time).
 */
async function statusSeenBy(official: StatusChat) {
  const [week, chart] = await official.command("status");
  const [hamlets] = await official.press("Theo từng xóm");
  const namPhong2 = buttonsOf(hamlets)
    .flat()
    .find((label) => label.includes("Nam Phong 2"));
  const [hamlet] = await official.press(namPhong2 ?? "Nam Phong 2");
  return {
    week: week?.text,
    chartButtons: buttonsOf(chart),
    hamlets: buttonsOf(hamlets),
    hamlet: hamlet?.text,
  };
}

/**
 * The spreadsheet `summary ... --format xlsx` writes, read back cell by cell, without the line
 * saying when it was made.
 */
async function summaryWorkbook(
  summary: readonly string[],
  env: Record<string, string>,
): Promise<Record<string, CellValue[][]>> {
  const file = join(await tempDir(), "summary.xlsx");
  await runCli([...summary, "--format", "xlsx", "--out", file], env);
  return withoutMadeAt(await readWorkbook(file));
}

/** The workbook without each sheet's second row, which says when it was made. */
function withoutMadeAt(sheets: Record<string, CellValue[][]>): Record<string, CellValue[][]> {
  return Object.fromEntries(
    Object.entries(sheets).map(([name, rows]) => [name, rows.filter((_, index) => index !== 1)]),
  );
}
