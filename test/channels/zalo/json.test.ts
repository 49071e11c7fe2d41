import { describe, expect, it } from "vitest";
import { parseZaloJson } from "../../../src/channels/zalo/json.js";

describe("reading Zalo's JSON without losing long ids", () => {
  it("keeps every digit of a 19-digit id sent as a bare number", () => {
    expect(parseZaloJson('{"id": 1459232241454765289}')).toEqual({ id: "1459232241454765289" });
  });

  it("keeps negative and nested big integers exact", () => {
    expect(parseZaloJson('[{"a":{"b":-9007199254740993}}]')).toEqual([
      { a: { b: "-9007199254740993" } },
    ]);
  });

  it("leaves ordinary numbers, decimals and dates as numbers", () => {
    expect(parseZaloJson('{"date":1764400000000,"n":-12,"x":1.5e3,"y":12345.5}')).toEqual({
      date: 1764400000000,
      n: -12,
      x: 1500,
      y: 12345.5,
    });
  });

  it("does not touch digits inside strings, escaped quotes included", () => {
    expect(parseZaloJson('{"text":"số \\"12345678901234567890\\" nhé","id":"1"}')).toEqual({
      text: 'số "12345678901234567890" nhé',
      id: "1",
    });
  });

  it("still refuses text that is not JSON", () => {
    expect(() => parseZaloJson("<html>502</html>")).toThrow();
  });
});
