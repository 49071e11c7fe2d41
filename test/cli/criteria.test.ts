import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { jsonOf, runCli } from "../support/cli.js";
import { HAMLET_NTM_CRITERIA } from "../support/criteria.js";
import { tempDir } from "../support/processes.js";

const NTM = HAMLET_NTM_CRITERIA;

async function statusesIn(dir: string) {
  const store = await openLowStore(dir);
  try {
    return await store.criteria.statuses("hung-dao.nam-phong-2");
  } finally {
    await store.close();
  }
}

describe("npm run cli -- criteria set", () => {
  it("records a hamlet's starting state on a criterion and shows where the hamlet stands", async () => {
    const dir = await tempDir();
    const run = await runCli(
      [
        "criteria",
        "set",
        "hung-dao.nam-phong-2",
        "hamlet-ntm/giao-thong",
        "met",
        "--date",
        "2025-12-31",
      ],
      { DATA_DIR: dir },
    );
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([
      "Đã ghi: Xóm Nam Phong 2 — Giao thông (Bộ tiêu chí xóm nông thôn mới): đạt, từ ngày 31/12/2025.",
      "Xóm Nam Phong 2 — Bộ tiêu chí xóm nông thôn mới: đạt 1/14 tiêu chí.",
      "Xóm Nam Phong 2 — Bộ tiêu chí xóm nông thôn mới kiểu mẫu: đạt 0/13 tiêu chí.",
    ]);
    expect(await statusesIn(dir)).toEqual([
      {
        unitId: "hung-dao.nam-phong-2",
        criterionId: "hamlet-ntm/giao-thong",
        state: "met",
        since: "2025-12-31",
      },
    ]);
    const again = await runCli(
      [
        "criteria",
        "set",
        "hung-dao.nam-phong-2",
        "hamlet-ntm/giao-thong",
        "met",
        "--date",
        "2025-12-31",
      ],
      { DATA_DIR: dir },
    );
    expect(again.lines[0]).toContain("Không thay đổi");
  });

  it("refuses what it cannot record, saying why, and records nothing", async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: dir };
    const cases: Array<[string[], string]> = [
      [
        ["hung-dao.nam-phong-2", "hamlet-ntm/cau-long", "met"],
        'Không có tiêu chí "hamlet-ntm/cau-long"',
      ],
      [["hung-dao.nam-phong-2", "commune-ntm-2021-2025/dien", "met"], "bộ tiêu chí cấp xã, phường"],
      [
        ["hung-dao.nam-phong-2", "hamlet-ntm/dien", "claimed"],
        '"claimed" không phải là trạng thái',
      ],
      [
        ["hung-dao.nam-phong-9", "hamlet-ntm/dien", "met"],
        'Không có đơn vị "hung-dao.nam-phong-9"',
      ],
      [
        ["hung-dao.nam-phong-2", "hamlet-ntm/dien", "met", "--date", "2999-01-01"],
        "không sau hôm nay",
      ],
    ];
    for (const [args, reason] of cases) {
      const run = await runCli(["criteria", "set", ...args], env);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr, args.join(" ")).toContain(reason);
    }
    expect(await statusesIn(dir)).toEqual([]);
  });
});

describe("npm run cli -- criteria import", () => {
  it("records every row of a CSV; with all 14 met the hamlet reaches the NTM standard", async () => {
    const dir = await tempDir();
    const csv = join(dir, "criteria.csv");
    await writeFile(
      csv,
      [
        "unit,criterion,state,date",
        ...NTM.map((id) => `hung-dao.nam-phong-2,hamlet-ntm/${id},met,2025-06-30`),
      ].join("\n"),
    );
    const dry = await runCli(["criteria", "import", csv, "--dry-run"], { DATA_DIR: dir });
    expect(dry.stdout).toContain("Sẽ thêm 14");
    expect(await statusesIn(dir)).toEqual([]);

    const run = await runCli(["criteria", "import", csv], { DATA_DIR: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Đã thêm 14, cập nhật 0, giữ nguyên 0.");
    expect(await statusesIn(dir)).toHaveLength(14);

    const check = await runCli(
      [
        "criteria",
        "set",
        "hung-dao.nam-phong-2",
        "hamlet-ntm/dien",
        "met",
        "--date",
        "2025-06-30",
        "--json",
      ],
      { DATA_DIR: dir },
    );
    const { standing } = jsonOf<{ standing: Array<{ set: string; met: number; meets: boolean }> }>(
      check,
    );
    expect(standing.find((s) => s.set === "hamlet-ntm")).toMatchObject({ met: 14, meets: true });
  });

  it("imports nothing when one row is wrong, naming every bad row", async () => {
    const dir = await tempDir();
    const csv = join(dir, "criteria.csv");
    await writeFile(
      csv,
      [
        "unit,criterion,state",
        "hung-dao.nam-phong-2,hamlet-ntm/dien,met",
        "hung-dao.nam-phong-2,hamlet-ntm/dien,unmet",
        "hung-dao.nam-phong-2,hamlet-ntm/nha-o,yes",
      ].join("\n"),
    );
    const run = await runCli(["criteria", "import", csv], { DATA_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("dòng 3: trùng đơn vị và tiêu chí với dòng 2");
    expect(run.stderr).toContain('dòng 4, cột state: "yes" không phải là trạng thái');
    expect(await statusesIn(dir)).toEqual([]);
  });
});
