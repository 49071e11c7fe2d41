import { describe, expect, it } from "vitest";
import { choiceData, newToken, readChoiceData } from "../../src/dialog/choice-data.js";
import { seededRandom } from "./harness.js";

describe("dialog button data", () => {
  it("carries the question's token and the option, and reads back", () => {
    const data = choiceData("ab12cd", "hamlet-ntm/giao-thong", 0);
    expect(data).toBe("d:ab12cd:hamlet-ntm/giao-thong");
    expect(readChoiceData(data)).toEqual({ token: "ab12cd", value: "hamlet-ntm/giao-thong" });
  });

  it("falls back to the option's position when the value would pass 64 bytes", () => {
    const data = choiceData("ab12cd", "đ".repeat(40), 3);
    expect(data).toBe("d:ab12cd:#3");
  });

  it("gives a different token for each question", () => {
    const random = seededRandom(1);
    const tokens = new Set(Array.from({ length: 50 }, () => newToken(random)));
    expect(tokens.size).toBe(50);
  });

  it.each(["menu:report", "d:", "d:ABC:x", "d:abc"])(
    "does not read %j as a dialog button",
    (data) => {
      expect(readChoiceData(data)).toBeUndefined();
    },
  );
});
