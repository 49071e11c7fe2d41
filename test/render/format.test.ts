import { describe, expect, it } from "vitest";
import { formatDate, formatNumber, formatWeek } from "../../src/render/format.js";

describe("numbers and dates in the reader's language", () => {
  it("writes Vietnamese numbers with a thousands dot and a decimal comma", () => {
    expect(formatNumber("vi", 1234.5)).toBe("1.234,5");
    expect(formatNumber("en", 1234.5)).toBe("1,234.5");
  });

  it("writes dates day first", () => {
    expect(formatDate("vi", "2026-11-29")).toBe("29/11/2026");
    expect(formatDate("en", "2026-11-29")).toBe("29 Nov 2026");
  });

  it("names a week by its Monday and Sunday", () => {
    expect(formatWeek("vi", "2026-W48")).toBe("23/11 – 29/11/2026");
    expect(formatWeek("vi", "2026-W01")).toBe("29/12/2025 – 04/01/2026");
  });
});
