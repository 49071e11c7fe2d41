import { describe, expect, it } from "vitest";
import type { Unit } from "../../src/domain/unit.js";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

const NOVEMBER = ["summary", "--area", "thuc-phan", "--period", "2026-11"];

describe("npm run cli -- units reporting-from", () => {
  it("makes a ward's hamlets expected to report from a set week, kept across restarts, until cleared", async () => {
    const env = { DATA_DIR: await tempDir() };
    const before = await runCli(NOVEMBER, env);
    expect(before.stdout).toContain("- Chưa có trưởng xóm dùng trợ lý: xóm Đà Quận, Đồng Chúp");
    expect(before.stdout).not.toContain("Chưa báo cáo:");

    const set = await runCli(["units", "reporting-from", "thuc-phan", "2026-11-18"], env);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(
      "Từ tuần 16/11 – 22/11/2026, trợ lý chờ báo cáo tuần của: xóm Đà Quận, Đồng Chúp,",
    );

    // Each CLI run owns the data folder and syncs the shipped units first, as a bot's start does.
    const after = await runCli(NOVEMBER, env);
    expect(after.stdout).toContain("- Đã báo cáo: 0/18 (0%)");
    expect(after.stdout).toContain("- Chưa báo cáo: xóm Đà Quận (2 tuần), Đồng Chúp (2 tuần)");
    const units = jsonOf<{ units: Unit[] }>(await runCli(["units", "list", "--json"], env)).units;
    expect(units.find((unit) => unit.id === "hung-dao.nam-phong-1")?.reportingFrom).toBe(
      "2026-11-16",
    );

    const cleared = await runCli(["units", "reporting-from", "thuc-phan"], env);
    expect(cleared.code).toBe(0);
    expect((await runCli(NOVEMBER, env)).stdout).not.toContain("Chưa báo cáo:");
  });

  it("refuses a unit that has ended, naming its successor, and a date that does not exist", async () => {
    const env = { DATA_DIR: await tempDir() };
    const ended = await runCli(["units", "reporting-from", "hung-dao", "2026-11-18"], env);
    expect(ended.code).toBe(1);
    expect(ended.stderr).toContain(
      "Xã Hưng Đạo (hung-dao) không còn là đơn vị hành chính; nay thuộc phường Thục Phán: hãy dùng thuc-phan.",
    );
    const date = await runCli(["units", "reporting-from", "thuc-phan", "2026-11-31"], env);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('Ngày "2026-11-31" không hợp lệ');
  });
});
