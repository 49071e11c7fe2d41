import { describe, expect, it } from "vitest";
import { createI18n, translatorFor } from "../../src/i18n.js";
import { formatPeriod, previousPeriodName } from "../../src/render/period-label.js";

const i18n = createI18n();
const vi = translatorFor(i18n, "vi");
const en = translatorFor(i18n, "en");

describe("periods as people name them", () => {
  it("names each kind of period in Vietnamese and English", () => {
    const campaign = {
      kind: "campaign",
      campaignId: "c",
      from: "2021-01-01",
      to: "2025-12-31",
    } as const;
    expect(formatPeriod(vi, "vi", { kind: "week", week: "2026-W48" })).toBe(
      "tuần 23/11 – 29/11/2026",
    );
    expect(formatPeriod(vi, "vi", { kind: "month", year: 2026, month: 11 })).toBe("tháng 11/2026");
    expect(formatPeriod(vi, "vi", { kind: "quarter", year: 2026, quarter: 4 })).toBe("quý 4/2026");
    expect(formatPeriod(vi, "vi", { kind: "year", year: 2026 })).toBe("năm 2026");
    expect(formatPeriod(vi, "vi", campaign)).toBe("giai đoạn 2021–2025");
    expect(formatPeriod(en, "en", { kind: "week", week: "2026-W48" })).toBe(
      "week 23 Nov – 29 Nov 2026",
    );
    expect(formatPeriod(en, "en", { kind: "month", year: 2026, month: 11 })).toBe("November 2026");
    expect(formatPeriod(en, "en", { kind: "quarter", year: 2026, quarter: 4 })).toBe("Q4 2026");
  });

  it("names the period before", () => {
    expect(previousPeriodName(vi, { kind: "week", week: "2026-W48" })).toBe("tuần trước");
    expect(previousPeriodName(en, { kind: "quarter", year: 2026, quarter: 4 })).toBe(
      "last quarter",
    );
  });
});
