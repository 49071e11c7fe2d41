import { describe, expect, it } from "vitest";
import { readNumberedAnswer } from "../../src/messaging/numbered-answer.js";

describe("numbered answers typed on a chat without buttons", () => {
  it.each([
    ["2", [2]],
    ["1 3", [1, 3]],
    ["1,3,4", [1, 3, 4]],
    ["1, 3 và 4", [1, 3, 4]],
    ["１ ３", [1, 3]],
    [" 0 ", [0]],
  ])("reads %j as %j", (text, numbers) => {
    expect(readNumberedAnswer(text)).toEqual(numbers);
  });

  it.each(["", "hai", "1 km", "1-3", "12345"])("does not read %j as numbers", (text) => {
    expect(readNumberedAnswer(text)).toBeUndefined();
  });
});
