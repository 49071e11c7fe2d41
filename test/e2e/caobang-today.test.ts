import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { HamletReport } from "../../src/domain/report.js";
import { reportId } from "../../src/domain/report.js";
import { runCli } from "../support/cli.js";
import { joined } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

/** Wednesday 2 December 2026, 09:00 in Cao Bằng: the product as it is used today. */
const TODAY = new Date("2026-12-02T02:00:00Z");
const EXAMPLE_PLAN = join(process.cwd(), "examples/campaigns/vi-du-ke-hoach-2026-2030.json");

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

function report(hamletId: string, week: string, submittedAt: string): HamletReport {
  return {
    id: reportId(hamletId, week),
    hamletId,
    week,
    receipt: `${week}-${hamletId}`,
    authorId: `head-${hamletId}`,
    groups: [],
    values: { roadConcretedM: 200 },
    criteriaClaimed: [],
    photos: [],
    submittedAt,
    late: false,
    review: "submitted",
    version: 0,
  };
}

/**
 * Thục Phán as it starts using the assistant: Nam Phong 1 and 2 reported from week 47
 * (16/11), Đồng Chúp's head joined but has not reported last week; the other hamlets of the
 * former xã Hưng Đạo have no head using the assistant yet.
 */
async function firstWeeksOfThucPhan(b: TelegramBench) {
  const { store } = b.app.deps;
  for (const hamlet of ["hung-dao.nam-phong-1", "hung-dao.nam-phong-2"]) {
    await store.reports.save(report(hamlet, "2026-W47", "2026-11-17T03:00:00.000Z"));
    await store.reports.save(report(hamlet, "2026-W48", "2026-11-24T03:00:00.000Z"));
  }
  await joined(
    b,
    { code: "HEADDC", roles: ["hamlet_head"], unitId: "hung-dao.dong-chup", name: "Tư" },
    { id: 4001, firstName: "Tư" },
  );
  return joined(
    b,
    { code: "CANBTP", roles: ["official"], unitId: "thuc-phan", name: "Cán bộ phường" },
    { id: 4002, firstName: "Lan" },
  );
}

describe("Cao Bằng as it is today, on Telegram", () => {
  it("shows Thục Phán with the former Hưng Đạo hamlets, no ended plan, and hamlets with no head apart", async () => {
    bench = await startTelegramBench({ start: TODAY });
    const official = await firstWeeksOfThucPhan(bench);

    official.command("/status");
    const [text] = await official.waitForReplies(2);
    const lines = text?.text.split("\n") ?? [];
    expect(lines[0]).toBe("Phường Thục Phán — tuần 30/11 – 06/12/2026 (đang diễn ra)");
    expect(lines).toContain(
      "Báo cáo: 0/3 xóm (0%). Chưa báo cáo: xóm Đồng Chúp (trưởng xóm Tư), Nam Phong 1, Nam Phong 2.",
    );
    expect(lines).toContain("Lũy kế từ 16/11/2026: Đường bê tông hóa mới: 800 m");
    expect(lines).toContain(
      "Chưa có trưởng xóm dùng trợ lý: xóm Đà Quận, Hồng Quang 1, Hồng Quang 2, Nam Phong 3, Ngọc Quyến, Phố Cao Bình.",
    );
    // The 2021–2025 plan has ended: none of its targets, overdue or not, is shown today.
    expect(text?.text).not.toMatch(/quá hạn|năm 2024|năm 2025|Xã Hưng Đạo|2021/);
    expect(text?.text).not.toContain("mục tiêu");
  });

  it("shows the targets of a plan imported while the bot runs, and none before", async () => {
    bench = await startTelegramBench({ start: TODAY });
    const official = await firstWeeksOfThucPhan(bench);
    official.command("/status");
    const [before] = await official.waitForReplies(2);
    expect(before?.text).toContain("Xóm đạt chuẩn NTM: 0/9 xóm · Xóm NTM kiểu mẫu: 0/9 xóm");
    expect(before?.text).not.toContain("mục tiêu");

    const imported = await runCli(["campaigns", "import", EXAMPLE_PLAN], {
      DATA_DIR: bench.dataDir,
    });
    expect(imported.code).toBe(0);

    official.command("/status");
    const [after] = await official.waitForReplies(2);
    expect(after?.text).toContain(
      "Xóm đạt chuẩn NTM: 0/9 = 0% (mục tiêu 100%) · Xóm NTM kiểu mẫu: 0/9 = 0% (mục tiêu 60%)",
    );
    expect(after?.text).toContain(
      "Phường Thục Phán — Đạt chuẩn nông thôn mới nâng cao (năm 2028): chưa ghi nhận tiêu chí nào (hạn năm 2028)",
    );
  });

  it("counts a report of May 2025 for xã Hưng Đạo in its month and for phường Thục Phán in 2025", async () => {
    bench = await startTelegramBench({ start: TODAY });
    await bench.app.deps.store.reports.save(
      report("hung-dao.nam-phong-2", "2025-W20", "2025-05-13T03:00:00.000Z"),
    );
    const env = { DATA_DIR: bench.dataDir };
    const may = await runCli(["summary", "--area", "hung-dao", "--period", "2025-05"], env);
    expect(may.stdout).toContain("TỔNG HỢP THÁNG 5/2025 — Xã Hưng Đạo");
    expect(may.stdout).toContain("Đường bê tông hóa mới: 200 m");
    const year = await runCli(["summary", "--area", "thuc-phan", "--period", "2025"], env);
    expect(year.stdout).toContain("TỔNG HỢP NĂM 2025 — Phường Thục Phán");
    expect(year.stdout).toContain("Đường bê tông hóa mới: 200 m");
  });
});
