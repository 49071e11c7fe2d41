import { afterEach, describe, expect, it } from "vitest";
import type { HamletReport } from "../../src/domain/report.js";
import { reportId } from "../../src/domain/report.js";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

let bench: ZaloBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

function report(hamletId: string): HamletReport {
  return {
    id: reportId(hamletId, "2026-W48"),
    hamletId,
    week: "2026-W48",
    receipt: `2026-48-${hamletId}`,
    authorId: `head-${hamletId}`,
    groups: [],
    values: { roadConcretedM: 300 },
    criteriaClaimed: [],
    photos: [],
    submittedAt: "2026-11-24T03:00:00.000Z",
    late: false,
    review: "submitted",
    version: 0,
  };
}

describe("/status on Zalo", () => {
  it("answers 'tình hình' with the text, the chart and numbered choices, and drills down by number", async () => {
    bench = await startZaloBench();
    const { store } = bench.app.deps;
    await store.reports.save(report("hung-dao.nam-phong-2"));
    // Every hamlet has had a head using the assistant since January: the others are missing.
    await store.units.saveMany(
      (await store.units.list())
        .filter((u) => u.parent === "thuc-phan")
        .map((u) => ({ ...u, reportingFrom: "2026-01-05" })),
    );
    await bench.invite({
      code: "ACDEFG",
      roles: ["official"],
      unitId: "thuc-phan",
      name: "Cán bộ phường",
    });
    const official = bench.emulator.user({ displayName: "Cán bộ" });
    await official.send("ACDEFG");
    await official.waitForBotMessage();

    await official.send("tình hình");
    const text = await official.waitForBotMessage((m) =>
      (m.text ?? "").includes("Phường Thục Phán — tuần"),
    );
    expect(text.text).toContain("Báo cáo: 1/9 xóm (11%)");
    const menu = await official.waitForBotMessage((m) =>
      (m.text ?? "").includes("1. Theo từng xóm"),
    );
    expect(menu.text).toMatch(/1\. Theo từng xóm\n2\. ◀ Tuần trước\n3\. Tải bảng tính/);

    await official.send("1");
    const list = await official.waitForBotMessage((m) => (m.text ?? "").includes("Chọn xóm"));
    const line = (list.text ?? "").split("\n").find((l) => l.includes("Xóm Nam Phong 2"));
    const number = /^(\d+)\./.exec(line ?? "")?.[1];
    expect(number).toBeDefined();
    await official.send(number ?? "");
    const hamlet = await official.waitForBotMessage((m) =>
      (m.text ?? "").includes("Xóm Nam Phong 2 — tuần"),
    );
    expect(hamlet.text).toContain("Báo cáo gần đây:");
  });
});
