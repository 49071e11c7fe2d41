import { describe, expect, it } from "vitest";
import { createServedFiles } from "../../../src/channels/served-files.js";
import { renderForZalo } from "../../../src/channels/zalo/render.js";
import { createI18n } from "../../../src/i18n.js";
import { silentLogger } from "../../../src/logger.js";
import type { Outbound } from "../../../src/messaging/outbound.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../../support/processes.js";

const i18n = createI18n("vi");
const vi = i18n.getFixedT("vi");
const en = i18n.getFixedT("en");
const PNG = {
  kind: "photo" as const,
  fileName: "bieu-do.png",
  mimeType: "image/png",
  bytes: new Uint8Array([137, 80, 78, 71]),
};

async function servedFiles() {
  const store = await openLowStore(await tempDir());
  return createServedFiles({
    files: store.files,
    publicUrl: "https://bot.example.vn",
    now: () => new Date("2026-11-25T03:00:00Z"),
    logger: silentLogger(),
  });
}

describe("an Outbound as Zalo messages", () => {
  it("numbers a message's choices under its text, after a short line on how to answer", async () => {
    const messages = await renderForZalo(
      {
        text: "Anh/chị muốn dùng ngôn ngữ nào?",
        choices: [
          [
            { data: "lang:vi", label: "Tiếng Việt" },
            { data: "lang:en", label: "English" },
          ],
        ],
        choiceMode: "single",
      },
      { t: vi },
    );
    expect(messages).toEqual([
      {
        kind: "text",
        text: "Anh/chị muốn dùng ngôn ngữ nào?\n\nTrả lời bằng một số, ví dụ: 1.\n1. Tiếng Việt\n2. English",
      },
    ]);
  });

  it("asks for several numbers on a multi-choice and ticks what is picked", async () => {
    const [message] = await renderForZalo(
      {
        text: "Which?",
        choices: [[{ data: "a", label: "Roads", selected: true }], [{ data: "b", label: "Water" }]],
        choiceMode: "multi",
      },
      { t: en },
    );
    expect(message).toEqual({
      kind: "text",
      text: "Which?\n\nAnswer with numbers, for example: 1 3.\n1. ✓ Roads\n2. Water",
    });
  });

  it("numbers a dialog question's choices the same way: 'none' as 0, no line for Done", async () => {
    const question: Outbound = {
      text: "Tuần này xóm có những việc gì?",
      choices: [
        [{ data: "d:t:roads", label: "Đường giao thông" }],
        [{ data: "d:t:water", label: "Thủy lợi" }],
        [{ data: "d:t:none", label: "Không có gì mới", role: "none" }],
        [{ data: "d:t:~done", label: "Xong ✓", role: "done" }],
      ],
      choiceMode: "multi",
    };
    expect(await renderForZalo(question, { t: vi })).toEqual([
      {
        kind: "text",
        text: "Tuần này xóm có những việc gì?\n\nTrả lời bằng các số, ví dụ: 1 3.\n1. Đường giao thông\n2. Thủy lợi\n0. Không có gì mới",
      },
    ]);
  });

  it("shows a lone Done as 0, without a line on how to answer", async () => {
    const photos: Outbound = {
      text: "Anh/chị gửi ảnh.",
      choices: [[{ data: "d:t:~done", label: "Xong ✓", role: "done" }]],
      choiceMode: "single",
    };
    expect(await renderForZalo(photos, { t: vi })).toEqual([
      { kind: "text", text: "Anh/chị gửi ảnh.\n\n0. Xong ✓" },
    ]);
  });

  it("splits a text over 2000 characters at paragraphs, in order, the menu at the end", async () => {
    const text = Array.from({ length: 30 }, (_, i) => `Đoạn ${i + 1}: ${"x".repeat(90)}.`).join(
      "\n\n",
    );
    const messages = await renderForZalo(
      { text, choices: [[{ data: "menu:help", label: "Hướng dẫn" }]] },
      { t: vi },
    );
    expect(messages.length).toBe(2);
    for (const m of messages) {
      expect(m.kind).toBe("text");
      if (m.kind === "text") expect(m.text.length).toBeLessThanOrEqual(2000);
    }
    const joined = messages.map((m) => (m.kind === "text" ? m.text : "")).join("\n\n");
    expect(joined).toBe(`${text}\n\nTrả lời bằng một số, ví dụ: 1.\n1. Hướng dẫn`);
  });

  it("sends a photo by its served link, with the text as caption", async () => {
    const files = await servedFiles();
    const [message, ...rest] = await renderForZalo(
      { text: "Biểu đồ", file: PNG },
      { t: vi, files },
    );
    expect(rest).toEqual([]);
    expect(message).toEqual({
      kind: "photo",
      url: expect.stringMatching(/^https:\/\/bot\.example\.vn\/files\/[0-9a-f]{64}\.png$/),
      caption: "Biểu đồ",
    });
  });

  it("sends a photo whose text is too long for a caption, then the text", async () => {
    const files = await servedFiles();
    const text = "a".repeat(2100);
    const messages = await renderForZalo({ text, file: PNG }, { t: vi, files });
    expect(messages.map((m) => m.kind)).toEqual(["photo", "text", "text"]);
    expect(messages[0]).not.toHaveProperty("caption");
  });

  it("gives a document as a download link, and says how to get files without PUBLIC_URL", async () => {
    const files = await servedFiles();
    const sheet = { ...PNG, kind: "document" as const, fileName: "bang-tinh.xlsx" };
    const [withLink] = await renderForZalo({ text: "Bảng tính", file: sheet }, { t: vi, files });
    expect(withLink?.kind === "text" && withLink.text).toMatch(
      /^Bảng tính\n\nTải tệp "bang-tinh\.xlsx" tại: https:\/\/bot\.example\.vn\/files\/[0-9a-f]{64}\.xlsx\n\(Đường dẫn dùng được trong 7 ngày\.\)$/,
    );
    const [photoNote] = await renderForZalo({ text: "Biểu đồ", file: PNG }, { t: vi });
    expect(photoNote).toEqual({
      kind: "text",
      text: `Biểu đồ\n\n${vi("zalo:file.photoUnavailable")}`,
    });
    const [sheetNote] = await renderForZalo({ text: "", file: sheet }, { t: en });
    expect(sheetNote?.kind === "text" && sheetNote.text).toContain('"bang-tinh.xlsx"');
  });
});
