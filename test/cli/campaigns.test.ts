import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Campaign } from "../../src/domain/campaign.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

const EXAMPLE = join(process.cwd(), "examples/campaigns/vi-du-ke-hoach-2026-2030.json");

async function campaigns(env: Record<string, string>): Promise<Campaign[]> {
  return jsonOf<{ campaigns: Campaign[] }>(await runCli(["campaigns", "list", "--json"], env))
    .campaigns;
}

describe("npm run cli -- campaigns", () => {
  it("imports the example 2026–2030 plan, whose targets then show in the ward's 2026 summary and survive a restart", async () => {
    const env = { DATA_DIR: await tempDir() };
    const before = await runCli(["summary", "--area", "thuc-phan", "--period", "2026"], env);
    expect(before.stdout).toContain("TỔNG HỢP NĂM 2026 — Phường Thục Phán");
    expect(before.stdout).not.toContain("Tiến độ kế hoạch");

    const checked = await runCli(["campaigns", "validate", EXAMPLE], env);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain("Tệp kế hoạch hợp lệ: VÍ DỤ — Kế hoạch");
    expect((await campaigns(env)).map((c) => c.id)).toEqual(["ntm-2021-2025"]);

    const imported = await runCli(["campaigns", "import", EXAMPLE], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout.trim()).toBe(
      "Đã nhập kế hoạch VÍ DỤ — Kế hoạch xây dựng nông thôn mới 2026–2030 (chỉ tiêu minh họa) (01/01/2026–31/12/2030), 3 chỉ tiêu.",
    );

    // Every CLI run owns the data folder and syncs the shipped data first, as a bot's start does.
    const after = await runCli(["summary", "--area", "thuc-phan", "--period", "2026"], env);
    expect(after.stdout).toContain("Tiến độ kế hoạch (giai đoạn 2026–2030, tính đến 31/12/2026)");
    expect(after.stdout).toContain(
      "Phường Thục Phán — Đạt chuẩn nông thôn mới nâng cao (năm 2028): chưa ghi nhận tiêu chí nào (hạn năm 2028)",
    );
    expect(await campaigns(env)).toContainEqual(
      expect.objectContaining({ id: "vi-du-2026-2030", source: "cli", active: true }),
    );
    const again = await runCli(["campaigns", "import", EXAMPLE, "--json"], env);
    expect(jsonOf(again)).toMatchObject({ id: "vi-du-2026-2030", action: "unchanged" });
  });

  it("refuses a plan with mistakes, naming each line and field, and imports none of it", async () => {
    const env = { DATA_DIR: await tempDir() };
    const plan = JSON.parse(await readFile(EXAMPLE, "utf8"));
    plan.targets[0].unit = "hung-dao-moi";
    plan.targets[1].by = 2031;
    plan.targets[2].status = "gold";
    const file = join(await tempDir(), "ke-hoach.json");
    await writeFile(file, JSON.stringify(plan, null, 2));

    const run = await runCli(["campaigns", "import", file], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'dòng 14, mục targets[0].unit: không có đơn vị "hung-dao-moi" (xem units list)',
    );
    expect(run.stderr).toContain(
      "dòng 24, mục targets[1].by: năm 2031 nằm ngoài giai đoạn của kế hoạch (2026-01-01 đến 2030-12-31)",
    );
    expect(run.stderr).toContain(
      'dòng 30, mục targets[2].status: không có bộ tiêu chí cho danh hiệu "gold"; dùng một trong: ntm, model',
    );
    expect(run.stderr).toContain("Chưa nhập gì cả, có 3 lỗi");
    expect((await campaigns(env)).map((c) => c.id)).toEqual(["ntm-2021-2025"]);

    await writeFile(file, '{\n  "id": "ke-hoach",\n}\n');
    const broken = await runCli(["campaigns", "validate", file], { ...env, DEFAULT_LOCALE: "en" });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`The file ${file} is not valid JSON (error on line 3).`);
    const missing = JSON.stringify({ ...plan, name: undefined, from: "2026-02-30" }, null, 2);
    await writeFile(file, missing);
    const fields = await runCli(["campaigns", "validate", file], { ...env, DEFAULT_LOCALE: "en" });
    expect(fields.stderr).toContain("line 1, field name: missing, must be given");
    expect(fields.stderr).toContain(
      'line 8, field from: "2026-02-30" is not a date written yyyy-mm-dd (e.g. 2026-01-01)',
    );
  });
});
