import { describe, expect, it } from "vitest";
import { createI18n, translatorFor } from "../../src/i18n.js";
import { formatQuantity, scaleQuantity } from "../../src/render/quantity.js";

const i18n = createI18n();
const vi = translatorFor(i18n, "vi");
const en = translatorFor(i18n, "en");

describe("totals that read naturally", () => {
  it("turns metres into km and triệu đồng into tỷ đồng once they grow", () => {
    expect(formatQuantity("vi", 850, "m")).toBe("850 m");
    expect(formatQuantity("vi", 2400, "m")).toBe("2,4 km");
    expect(formatQuantity("vi", 36, "triệu đồng")).toBe("36 triệu đồng");
    expect(formatQuantity("vi", 1250, "triệu đồng")).toBe("1,25 tỷ đồng");
    expect(formatQuantity("vi", 12_000, "m²")).toBe("1,2 ha");
  });

  it("says small sums of money in nghìn đồng, as people do", () => {
    expect(formatQuantity("vi", 0.2, "triệu đồng", vi)).toBe("200 nghìn đồng");
    expect(formatQuantity("vi", 0.35, "triệu đồng")).toBe("350 nghìn đồng");
    expect(formatQuantity("en", 0.2, "triệu đồng", en)).toBe("200 thousand VND");
    expect(formatQuantity("vi", 1.5, "triệu đồng", vi)).toBe("1,5 triệu đồng");
  });

  it("says no money as 0 đồng, never 0 triệu đồng", () => {
    expect(formatQuantity("vi", 0, "triệu đồng", vi)).toBe("0 đồng");
    expect(formatQuantity("en", 0, "triệu đồng", en)).toBe("0 VND");
  });

  it("writes numbers the reader's way and leaves other units alone", () => {
    expect(formatQuantity("vi", 3120, "ngày công")).toBe("3.120 ngày công");
    expect(formatQuantity("vi", 1234.5, "cây")).toBe("1.234,5 cây");
    expect(formatQuantity("en", 1234.5, "cây")).toBe("1,234.5 cây");
  });

  it("names units in the reader's language when given a translator", () => {
    expect(formatQuantity("en", 1250, "triệu đồng", en)).toBe("1.25 billion VND");
    expect(formatQuantity("en", 36, "triệu đồng", en)).toBe("36 million VND");
    expect(formatQuantity("en", 450, "cây", en)).toBe("450 trees");
    expect(formatQuantity("vi", 2400, "m", vi)).toBe("2,4 km");
    expect(formatQuantity("vi", 1250, "triệu đồng", vi)).toBe("1,25 tỷ đồng");
  });

  it("keeps the exact value for machines", () => {
    expect(scaleQuantity(2400, "m")).toEqual({ value: 2.4, unit: "km", digits: 1 });
    expect(scaleQuantity(999, "m")).toEqual({ value: 999, unit: "m", digits: 1 });
  });
});
