import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { openDataDir } from "../../src/bootstrap.js";
import type { HamletReport } from "../../src/domain/report.js";
import { reportId } from "../../src/domain/report.js";
import { headOf } from "../features/status/status-harness.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

function report(hamletId: string, week: string, values: Record<string, number>): HamletReport {
  return {
    id: reportId(hamletId, week),
    hamletId,
    week,
    receipt: `${week}-${hamletId}`,
    authorId: `head-${hamletId}`,
    groups: [],
    values,
    criteriaClaimed: [],
    photos: [],
    submittedAt: "2026-03-20T03:00:00.000Z",
    late: false,
    review: "submitted",
    version: 0,
  };
}

let dir: string;

/**
 * Hưng Đạo in March 2026 (ISO weeks 10 to 13): in week 12 eight hamlets reported 300 m of road
 * each (Đà Quận did not), in week 11 Nam Phong 2 alone reported 1,100 m.
 */
beforeAll(async () => {
  dir = await tempDir();
  const opened = await openDataDir({ dataDir: dir }, "owner");
  // Every hamlet of Thục Phán has had a head using the assistant since January, so a hamlet
  // without a report is missing, not "no head yet".
  const heads = (await opened.store.units.list()).filter((u) => u.parent === "thuc-phan");
  await opened.store.members.saveMany(
    heads.map((hamlet, i) => headOf(hamlet.id, i, "2026-01-05T02:00:00.000Z")),
  );
  const hamlets = (await opened.store.units.list()).filter((u) => u.parent === "thuc-phan");
  for (const hamlet of hamlets) {
    if (hamlet.id === "hung-dao.da-quan") continue;
    await opened.store.reports.save(
      report(hamlet.id, "2026-W12", { roadConcretedM: 300, treesPlanted: 10 }),
    );
  }
  await opened.store.reports.save(
    report("hung-dao.nam-phong-2", "2026-W11", { roadConcretedM: 1100 }),
  );
  await opened.close();
});

describe("npm run cli -- summary", () => {
  it("prints a week's summary of an area as text", async () => {
    const run = await runCli(["summary", "--week", "2026-W12", "--area", "thuc-phan"], {
      DATA_DIR: dir,
    });
    expect(run.code).toBe(0);
    expect(run.lines[0]).toBe("TỔNG HỢP TUẦN 16/03 – 22/03/2026 — Phường Thục Phán");
    expect(run.stdout).toContain("Đã báo cáo: 8/9 (89%)");
    expect(run.stdout).toContain("Chưa báo cáo: xóm Đà Quận.");
    expect(run.stdout).toContain("Đường bê tông hóa mới: 2,4 km · tuần trước: 1,1 km");
  });

  it("summarises a month as hamlet-weeks, in English when asked", async () => {
    const run = await runCli(["summary", "--period", "2026-03", "--area", "thuc-phan"], {
      DATA_DIR: dir,
      DEFAULT_LOCALE: "en",
    });
    expect(run.code).toBe(0);
    expect(run.lines[0]).toBe("SUMMARY, MARCH 2026 — Thục Phán ward");
    // Weeks 10 to 13 × 9 hamlets = 36 hamlet-weeks, 9 of them reported.
    expect(run.stdout).toContain("Reported: 9/36 (25%)");
    expect(run.stdout).toContain("New concrete roads: 3.5 km");
    // Nothing last month: no "last month: 0 m" comparison.
    expect(run.stdout).not.toContain("last month: 0");
  });

  it("writes the spreadsheet, the chart and the per-hamlet CSV", async () => {
    const out = await tempDir();
    const xlsx = join(out, "tong-hop.xlsx");
    const written = await runCli(
      [
        "summary",
        "--period",
        "2026-W12",
        "--area",
        "thuc-phan",
        "--format",
        "xlsx",
        "--out",
        xlsx,
        "--json",
      ],
      { DATA_DIR: dir },
    );
    expect(written.code).toBe(0);
    expect(jsonOf(written)).toMatchObject({
      area: "thuc-phan",
      period: "2026-W12",
      format: "xlsx",
      file: xlsx,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(xlsx)) as unknown as ArrayBuffer);
    expect(workbook.worksheets).toHaveLength(6);

    const png = join(out, "chart.png");
    const chart = await runCli(
      ["summary", "--week", "2026-W12", "--area", "thuc-phan", "--format", "png", "--out", png],
      {
        DATA_DIR: dir,
      },
    );
    expect(chart.code).toBe(0);
    expect(chart.stdout).toContain(`Đã ghi ${png}`);
    expect((await readFile(png)).subarray(1, 4).toString()).toBe("PNG");

    const csv = await runCli(
      ["summary", "--week", "2026-W12", "--area", "thuc-phan", "--format", "csv"],
      { DATA_DIR: dir },
    );
    expect(csv.code).toBe(0);
    expect(csv.lines[0]).toMatch(
      /^\uFEFFMã xóm,Xóm,"Xã, phường",Số tuần đã báo cáo,Số tuần báo cáo đúng hạn,Đường/,
    );
    const namPhong = csv.lines.find((line) => line.startsWith("hung-dao.nam-phong-2,"));
    expect(namPhong).toMatch(/^hung-dao\.nam-phong-2,Xóm Nam Phong 2,Phường Thục Phán,1,1,300,/);
    expect(csv.lines).toHaveLength(10);
  });

  it("refuses an unknown area, format or period, and a binary format without --out", async () => {
    const env = { DATA_DIR: dir, DEFAULT_LOCALE: "en" };
    const area = await runCli(["summary", "--area", "nowhere", "--week", "2026-W12"], env);
    expect(area.code).toBe(1);
    expect(area.stderr).toContain('There is no unit "nowhere"');
    const format = await runCli(["summary", "--area", "thuc-phan", "--format", "pdf"], env);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('The format "pdf" is not supported');
    const period = await runCli(["summary", "--area", "thuc-phan", "--period", "someday"], env);
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('Cannot read the period "someday"');
    const binary = await runCli(["summary", "--area", "thuc-phan", "--format", "xlsx"], env);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain("add --out <file>");
    const both = await runCli(
      ["summary", "--area", "thuc-phan", "--week", "12", "--period", "2026"],
      env,
    );
    expect(both.code).toBe(2);
    expect(area.stdout + format.stdout + period.stdout + binary.stdout + both.stdout).toBe("");
  });
});
