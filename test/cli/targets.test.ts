import { describe, expect, it } from "vitest";
import { jsonOf, runCli } from "../support/cli.js";
import { tempDir } from "../support/processes.js";

describe("npm run cli -- targets record", () => {
  it("shows a commune's target as its confirmed criteria of the QĐ 318 set until it is recognised", async () => {
    const env = { DATA_DIR: await tempDir() };
    for (const criterion of ["giao-thong", "dien", "truong-hoc"]) {
      const set = await runCli(
        [
          "criteria",
          "set",
          "hung-dao",
          `commune-ntm-2021-2025/${criterion}`,
          "met",
          "--date",
          "2024-05-02",
        ],
        env,
      );
      expect(set.code).toBe(0);
    }
    // A criterion recorded after the period does not count in it.
    await runCli(
      [
        "criteria",
        "set",
        "hung-dao",
        "commune-ntm-2021-2025/thuy-loi",
        "met",
        "--date",
        "2025-03-01",
      ],
      env,
    );
    const summary = await runCli(["summary", "--area", "hung-dao", "--period", "2024"], env);
    expect(summary.stdout).toContain(
      "Xã Hưng Đạo — Đạt chuẩn nông thôn mới nâng cao (năm 2024): đạt 3/19 tiêu chí, hạn năm 2024",
    );
    const en = await runCli(["summary", "--area", "hung-dao", "--period", "2024"], {
      ...env,
      DEFAULT_LOCALE: "en",
    });
    expect(en.stdout).toContain("3/19 criteria met, due by 2024");
  });

  it("records a recognition, which the plan progress of a summary then shows as met", async () => {
    const dir = await tempDir();
    const env = { DATA_DIR: dir };
    const before = await runCli(["summary", "--area", "hung-dao", "--period", "2024"], env);
    expect(before.stdout).toContain(
      "Xã Hưng Đạo — Đạt chuẩn nông thôn mới nâng cao (năm 2024): chưa ghi nhận tiêu chí nào (hạn năm 2024)",
    );

    const recorded = await runCli(
      ["targets", "record", "hung-dao", "advanced-ntm", "--date", "2024-10-15"],
      env,
    );
    expect(recorded.code).toBe(0);
    expect(recorded.stdout.trim()).toBe(
      "Đã ghi nhận: Xã Hưng Đạo — Đạt chuẩn nông thôn mới nâng cao, ngày 15/10/2024.",
    );
    const after = await runCli(["summary", "--area", "hung-dao", "--period", "2024"], env);
    expect(after.stdout).toContain(
      "Xã Hưng Đạo — Đạt chuẩn nông thôn mới nâng cao (năm 2024): đã đạt ngày 15/10/2024",
    );

    const corrected = await runCli(
      ["targets", "record", "hung-dao", "advanced-ntm", "--date", "2024-11-02", "--json"],
      env,
    );
    expect(jsonOf(corrected)).toMatchObject({
      recognition: { unitId: "hung-dao", status: "advanced-ntm", date: "2024-11-02" },
      previous: { date: "2024-10-15" },
    });

    const withDecision = await runCli(
      [
        ...["targets", "record", "hung-dao", "advanced-ntm"],
        ...["--date", "2024-11-02", "--decision", "2156/QĐ-UBND"],
      ],
      env,
    );
    expect(withDecision.stdout.trim()).toBe(
      "Đã ghi nhận: Xã Hưng Đạo — Đạt chuẩn nông thôn mới nâng cao, ngày 02/11/2024, Quyết định số 2156/QĐ-UBND.",
    );
    const shown = await runCli(["summary", "--area", "hung-dao", "--period", "2024"], env);
    expect(shown.stdout).toContain(
      "Xã Hưng Đạo — Đạt chuẩn nông thôn mới nâng cao (năm 2024): đã đạt ngày 02/11/2024 (Quyết định số 2156/QĐ-UBND)",
    );
  });

  it("refuses an unknown unit, a status the plan does not have, and a date that does not exist", async () => {
    const env = { DATA_DIR: await tempDir(), DEFAULT_LOCALE: "en" };
    const unit = await runCli(["targets", "record", "atlantis", "advanced-ntm"], env);
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain('There is no unit "atlantis"');
    const status = await runCli(["targets", "record", "hung-dao", "gold"], env);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("completed-ntm-task, advanced-ntm, model-ntm");
    const date = await runCli(
      ["targets", "record", "hung-dao", "advanced-ntm", "--date", "2024-02-30"],
      env,
    );
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('The date "2024-02-30" is not valid');
    const list = await runCli(["summary", "--area", "hung-dao", "--period", "2024"], env);
    expect(list.stdout).toContain(
      "Meets the advanced new rural standard (by 2024): no criteria recorded yet (due by 2024)",
    );
  });
});
