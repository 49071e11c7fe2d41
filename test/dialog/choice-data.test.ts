import { describe, expect, it } from "vitest";
import { choiceData, newToken, readChoiceData } from "../../src/dialog/choice-data.js";
import { seededRandom } from "./harness.js";

describe("dialog choice data", () => {
  it("carries the question's token and the option, however long, and reads back", () => {
    const data = choiceData("ab12cd", "hamlet-ntm/giao-thong");
    expect(data).toBe("d:ab12cd:hamlet-ntm/giao-thong");
    expect(readChoiceData(data)).toEqual({ token: "ab12cd", value: "hamlet-ntm/giao-thong" });
    const long = "đ".repeat(40);
    expect(readChoiceData(choiceData("ab12cd", long))?.value).toBe(long);
  });

  it("gives a different token for each question", () => {
    const random = seededRandom(1);
    const tokens = new Set(Array.from({ length: 50 }, () => newToken(random)));
    expect(tokens.size).toBe(50);
  });

  it.each(["menu:report", "d:", "d:ABC:x", "d:abc"])(
    "does not read %j as a dialog choice",
    (data) => {
      expect(readChoiceData(data)).toBeUndefined();
    },
  );
});
