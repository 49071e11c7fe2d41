import { describe, expect, it } from "vitest";
import {
  generateInviteCode,
  INVITE_CODE_ALPHABET,
  normaliseInviteCode,
} from "../../src/domain/invite-code.js";
import { createSeededRandom } from "../../src/testing/seeded-random.js";

describe("invite codes", () => {
  it("are six characters without look-alikes such as 0/O, 1/I/L, 2/Z, 5/S, 8/B", () => {
    const random = createSeededRandom(7);
    for (let i = 0; i < 2000; i++) {
      const code = generateInviteCode(random);
      expect(code).toMatch(/^[A-Z0-9]{6}$/);
      expect(code).not.toMatch(/[0O1IL2Z5S8B]/);
    }
  });

  it("use every character of the alphabet, including its ends", () => {
    expect(generateInviteCode(() => 0, 3)).toBe("AAA");
    expect(generateInviteCode(() => 0.999999999, 2)).toBe("99");
    const seen = new Set(generateInviteCode(createSeededRandom(3), 5000));
    expect(seen.size).toBe(INVITE_CODE_ALPHABET.length);
  });

  it("differ from one draw to the next", () => {
    const random = createSeededRandom(11);
    const codes = new Set(Array.from({ length: 1000 }, () => generateInviteCode(random)));
    expect(codes.size).toBe(1000);
  });

  it("are read back however a person types them: lower case, spaces, dashes, full-width", () => {
    expect(normaliseInviteCode("k7pm3q")).toBe("K7PM3Q");
    expect(normaliseInviteCode(" K7PM 3Q ")).toBe("K7PM3Q");
    expect(normaliseInviteCode("k7p-m3q")).toBe("K7PM3Q");
    expect(normaliseInviteCode("Ｋ７ＰＭ３Ｑ")).toBe("K7PM3Q");
  });

  it("reject text that cannot be a code rather than guess at a look-alike", () => {
    expect(normaliseInviteCode("K0PM3Q")).toBeUndefined();
    expect(normaliseInviteCode("KOPM3Q")).toBeUndefined();
    expect(normaliseInviteCode("xin chào")).toBeUndefined();
    expect(normaliseInviteCode("K7P")).toBeUndefined();
    expect(normaliseInviteCode("")).toBeUndefined();
  });
});
