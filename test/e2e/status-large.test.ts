import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CriteriaSet } from "../../src/domain/criteria.js";
import { LargeCity } from "../../src/testing/large-city.js";
import type { TelegramUser } from "../../src/testing/telegram/index.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

/** 40 communes × 50 hamlets reporting over the 52 weeks of 2026. */
const city = new LargeCity();
const W48 = city.weeks.indexOf("2026-W48");

let bench: TelegramBench;
let official: TelegramUser;

beforeAll(async () => {
  bench = await startTelegramBench();
  const { store } = bench.app.deps;
  await store.units.saveMany(city.units);
  await Promise.all(city.allReports().map((report) => store.reports.save(report)));
  const sets: CriteriaSet[] = (await store.criteria.listSets()).filter(
    (s) => s.id === "hamlet-ntm",
  );
  await store.criteria.setStatuses(city.criteria(sets, "2025-01-01"));
  await bench.invite({
    code: "ACDEFG",
    roles: ["official"],
    unitId: city.rootId,
    name: "Cán bộ tỉnh",
  });
  official = bench.emulator.user({ id: 5001, firstName: "Tỉnh" });
  official.command("/start ACDEFG");
  await official.waitForBotMessage();
}, 120_000);

afterAll(async () => {
  await bench?.stop();
});

/** The figures of week 48 counted straight from the fixture's rules. */
function expectedWeek48() {
  let reported = 0;
  let late = 0;
  let trees = 0;
  city.hamletIds.forEach((_, h) => {
    if (!city.reports(h, W48)) return;
    reported++;
    if (city.late(h, W48)) late++;
    trees += city.values(h).treesPlanted ?? 0;
  });
  return { reported, late, trees };
}

describe("/status over 2,000 hamlets × 52 weeks", () => {
  it("gives the province's right numbers, and a commune's after drilling down", async () => {
    const { reported, late, trees } = expectedWeek48();
    expect(reported).toBe(1800);

    official.command("/status");
    const [text, chart] = await official.waitForReplies(2, 20_000);
    expect(text?.text).toContain("Tỉnh Thử Nghiệm — tuần 23/11 – 29/11/2026");
    expect(text?.text).toContain(`Báo cáo: 1.800/2.000 xóm (90%), trong đó ${late} nộp muộn.`);
    expect(text?.text).toContain("và 192 xóm khác");
    expect(text?.text).toContain("Đường bê tông hóa mới: 180 km (tuần trước 180 km)");
    expect(text?.text).toContain("Nhân dân đóng góp: 3,6 tỷ đồng");
    expect(text?.text).toContain("Ngày công lao động: 18.000 ngày công");
    expect(text?.text).toContain(`Cây xanh trồng mới: ${trees.toLocaleString("vi-VN")} cây`);
    // The 2021–2025 plan has ended and no later one is loaded: the standing, without a target.
    expect(text?.text).toContain("Xóm đạt chuẩn NTM: 667/2.000 xóm");
    expect(text?.text).not.toContain("mục tiêu");
    expect(chart?.buttons[0]).toEqual(["Theo từng xã, phường"]);

    official.press(chart?.messageId ?? 0, "Theo từng xã, phường");
    const list = await official.waitForBotMessage(undefined, 20_000);
    expect(list.buttons.flat()).toHaveLength(40);
    expect(list.buttons.flat().every((label) => label.endsWith(" · 45/50"))).toBe(true);
    const [first] = list.buttons.flat();
    official.press(list.messageId, first ?? "");
    const [commune] = await official.waitForReplies(2, 20_000);
    expect(commune?.text).toContain("Báo cáo: 45/50 xóm (90%)");
    expect(commune?.text).toContain("Đường bê tông hóa mới: 4,5 km (tuần trước 4,5 km)");
  });
});
