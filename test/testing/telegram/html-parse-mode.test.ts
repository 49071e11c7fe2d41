import { describe, expect, it } from "vitest";
import { TelegramApiError } from "../../../src/testing/telegram/api-error.js";
import { parseHtml } from "../../../src/testing/telegram/html-parse-mode.js";

describe("HTML parse mode as Telegram reads it", () => {
  it("keeps an escaped name such as <Nam & Hoa> intact", () => {
    expect(parseHtml("Xin chào <b>&lt;Nam &amp; Hoa&gt;</b>!")).toEqual({
      text: "Xin chào <Nam & Hoa>!",
      entities: [{ type: "bold", offset: 9, length: 11 }],
    });
  });

  it("turns links, nested styles and code blocks with a language into entities", () => {
    const parsed = parseHtml(
      '<a href="https://t.me/bot?start=AB12">mở</a> <b><i>đậm nghiêng</i></b>\n<pre><code class="language-csv">a,b</code></pre>',
    );
    expect(parsed.text).toBe("mở đậm nghiêng\na,b");
    expect(parsed.entities).toEqual([
      { type: "text_link", offset: 0, length: 2, url: "https://t.me/bot?start=AB12" },
      { type: "bold", offset: 3, length: 11 },
      { type: "italic", offset: 3, length: 11 },
      { type: "pre", offset: 15, length: 3, language: "csv" },
    ]);
  });

  it("decodes numeric entities and leaves a bare ampersand alone", () => {
    expect(parseHtml("R&D &#7889; &#x1F33E;").text).toBe("R&D ố 🌾");
  });

  it("counts offsets in UTF-16 code units, like the Bot API", () => {
    expect(parseHtml("🌾 <b>lúa</b>").entities).toEqual([{ type: "bold", offset: 3, length: 3 }]);
  });

  it.each([
    ["<br>", /Unsupported start tag "br"/],
    ["<b>open", /Can't find end tag corresponding to start tag "b"/],
    ["<b><i>x</b></i>", /Unmatched end tag/],
    ["a < b", /Bad Request: can't parse entities/],
  ])("refuses %s with a 400 can't-parse-entities error", (html, message) => {
    let caught: unknown;
    try {
      parseHtml(html);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TelegramApiError);
    expect((caught as TelegramApiError).errorCode).toBe(400);
    expect((caught as TelegramApiError).description).toMatch(message);
  });
});
