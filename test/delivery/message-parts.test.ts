import { describe, expect, it } from "vitest";
import { partsFor } from "../../src/delivery/message-parts.js";

const chart = {
  kind: "photo" as const,
  fileName: "w48.png",
  mimeType: "image/png",
  bytes: new Uint8Array([1]),
};
const limits = { maxTextLength: 100, maxCaptionLength: 40 };

describe("the parts of a proactive message", () => {
  it("keeps a photo and a short caption together, with the buttons", () => {
    const message = { text: "Tuần 48", file: chart, choices: [[{ data: "x", label: "Xem" }]] };
    expect(partsFor(message, limits)).toEqual([message]);
  });

  it("sends the photo first and a caption too long for it as text after it, buttons at the end", () => {
    const text = "Một câu khá dài về kết quả. ".repeat(6).trim();
    const parts = partsFor({ text, file: chart, choices: [[{ data: "x", label: "Xem" }]] }, limits);
    expect(parts[0]).toEqual({ text: "", file: chart });
    expect(
      parts
        .slice(1)
        .map((p) => p.text)
        .join(" "),
    ).toBe(text);
    expect(parts.slice(1, -1).every((p) => p.choices === undefined)).toBe(true);
    expect(parts.at(-1)?.choices).toEqual([[{ data: "x", label: "Xem" }]]);
  });

  it("keeps each bold phrase with the part that contains it", () => {
    const text = `${"Đoạn một có Tiêu đề A. ".repeat(3)}\n\n${"Đoạn hai có Tiêu đề B. ".repeat(3)}`;
    const parts = partsFor({ text, bold: ["Tiêu đề A", "Tiêu đề B"] }, limits);
    expect(parts.length).toBe(2);
    expect(parts[0]?.bold).toEqual(["Tiêu đề A"]);
    expect(parts[1]?.bold).toEqual(["Tiêu đề B"]);
  });
});
