import { describe, expect, it } from "vitest";
import { normalisePhone } from "../../src/domain/phone.js";

describe("phone numbers", () => {
  it("match however a spreadsheet wrote them, even without the leading 0", () => {
    for (const written of [
      "0912345678",
      "0912 345 678",
      "0912.345.678",
      "+84 912 345 678",
      "84912345678",
      "(+84) 912-345-678",
      "0084912345678",
      "912345678",
      "912 345 678",
    ]) {
      expect(normalisePhone(written), written).toBe("0912345678");
    }
    expect(normalisePhone("0206 3852 123")).toBe("02063852123");
    expect(normalisePhone("2063852123"), "a landline without its 0").toBe("02063852123");
  });

  it("are refused when they cannot be a Vietnamese number", () => {
    for (const text of ["12", "12345678", "09123456789012", "912345678901", "không có", ""]) {
      expect(normalisePhone(text), text).toBeUndefined();
    }
  });
});
