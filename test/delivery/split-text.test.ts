import { describe, expect, it } from "vitest";
import { splitText } from "../../src/delivery/split-text.js";

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

describe("splitting a long message", () => {
  it("leaves a text that fits as one part, untouched", () => {
    expect(splitText("Chào anh/chị.\n\nHọp lúc 8 giờ.", 4096)).toEqual([
      "Chào anh/chị.\n\nHọp lúc 8 giờ.",
    ]);
  });

  it("cuts a 6,000-character broadcast at paragraph breaks into parts under 4,096, in order", () => {
    const paragraphs = Array.from(
      { length: 12 },
      (_, i) => `Đoạn ${i + 1}. ${"Thôn Nà Phía làm đường bê tông. ".repeat(15).trim()}`,
    );
    const text = paragraphs.join("\n\n");
    expect(text.length).toBeGreaterThan(5000);
    const parts = splitText(text, 4096);
    expect(parts.length).toBe(2);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    // Every part begins with a paragraph: no paragraph is cut in two.
    for (const part of parts) expect(part).toMatch(/^Đoạn \d+\./);
    expect(parts.join("\n\n")).toBe(text);
  });

  it("cuts a single long paragraph between sentences", () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Câu số ${i + 1} nói về nông thôn mới!`);
    const text = sentences.join(" ");
    const parts = splitText(text, 200);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(200);
      expect(part).toMatch(/^Câu số \d+/);
      expect(part).toMatch(/!$/);
    }
    expect(parts.join(" ")).toBe(text);
  });

  it("cuts a sentence longer than a part between words", () => {
    const text = Array.from({ length: 100 }, (_, i) => `từ${i}`).join(" ");
    const parts = splitText(text, 50);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(50);
      expect(part).not.toMatch(/^\s|\s$/);
    }
    expect(parts.join(" ")).toBe(text);
  });

  it("cuts a word longer than a part without breaking an emoji in two", () => {
    const text = "🌾".repeat(30);
    const parts = splitText(text, 11);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(11);
      // A lone surrogate would mean half an emoji was cut off.
      expect(part).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
    expect(parts.join("")).toBe(text);
  });

  it("keeps a short paragraph together with what follows a long one", () => {
    const long = "Một câu dài về giao thông nông thôn. ".repeat(8).trim();
    const text = `${long}\n\nNgắn.\n\nCũng ngắn.`;
    const parts = splitText(text, 200);
    expect(parts.at(-1)).toContain("Ngắn.\n\nCũng ngắn.");
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(200);
    expect(squash(parts.join(" "))).toBe(squash(text));
  });
});
