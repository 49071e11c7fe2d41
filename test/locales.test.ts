import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/processes.js";

const LOCALES_DIR = join(ROOT, "locales");

/** Every text of a nested locale file with its key path ("join.welcome"). */
function entriesOf(value: unknown, prefix = ""): Array<[string, unknown]> {
  if (typeof value !== "object" || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) =>
    entriesOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

function read(lng: string, file: string): unknown {
  return JSON.parse(readFileSync(join(LOCALES_DIR, lng, file), "utf8"));
}

const withoutPlural = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

describe("the two languages", () => {
  const namespaces = readdirSync(join(LOCALES_DIR, "vi")).filter((f) => f.endsWith(".json"));

  it("ship the same namespaces", () => {
    const english = readdirSync(join(LOCALES_DIR, "en")).filter((f) => f.endsWith(".json"));
    expect(english.sort()).toEqual([...namespaces].sort());
  });

  it.each(namespaces)("%s has every Vietnamese text in English too", (file) => {
    // English may have more keys (plural forms, unit names it declines), never fewer.
    const en = new Set(entriesOf(read("en", file)).map(([key]) => withoutPlural(key)));
    const missing = entriesOf(read("vi", file))
      .map(([key]) => withoutPlural(key))
      .filter((key) => !en.has(key));
    expect(missing).toEqual([]);
  });

  it.each(namespaces)("%s has no empty text", (file) => {
    for (const lng of ["vi", "en"]) {
      const empty = entriesOf(read(lng, file)).filter(
        ([, text]) => typeof text !== "string" || text.trim() === "",
      );
      expect(empty.map(([key]) => `${lng}/${file}: ${key}`)).toEqual([]);
    }
  });
});

/** Every Vietnamese text with where it is, except the reference names (units are named as the state names them). */
function vietnameseTexts(): Array<{ where: string; text: string }> {
  return readdirSync(join(LOCALES_DIR, "vi"))
    .filter((file) => file.endsWith(".json") && file !== "reference.json")
    .flatMap((file) =>
      entriesOf(read("vi", file))
        .filter((entry): entry is [string, string] => typeof entry[1] === "string")
        .map(([key, text]) => ({ where: `${file}: ${key}`, text })),
    );
}

/**
 * Words a Vietnamese reader would stumble on: English turned word for word into Vietnamese,
 * a second spelling of the same word, the assistant called by another name. The platforms'
 * own terms for a token or a bot account stay as the platforms name them.
 */
const CALQUES: Array<[string, RegExp]> = [
  ["“câu hỏi … đã đóng” (say it has passed)", /câu hỏi (này|đó) đã đóng/iu],
  ["“số tròn” (say số nguyên)", /số tròn/iu],
  ["“GG:PP” (say giờ:phút)", /GG:PP/u],
  ["“huỷ/xoá” (write hủy, xóa)", /huỷ|xoá/iu],
  ["“Tiếng Việt” inside a sentence", /[\p{Ll},(/]\s?Tiếng Việt/u],
  [
    "“bot” (the assistant is “trợ lý”)",
    /\bbot\b(?! Platform)(?<!mã bot(?= \(token\)))(?<!tên bot(?= Telegram))/iu,
  ],
];

/** A unit type written with a capital after the start of a sentence: “trưởng Xóm …”. */
const CAPITAL_UNIT_MID_SENTENCE = /[\p{Ll}\d,;:)] (Xóm|Xã|Phường|Thành phố|Thôn|Tổ dân phố) /u;

describe("the Vietnamese texts", () => {
  it("use none of the listed calques or second spellings", () => {
    const found = vietnameseTexts().flatMap(({ where, text }) =>
      CALQUES.filter(([, pattern]) => pattern.test(text)).map(([name]) => `${where}: ${name}`),
    );
    expect(found).toEqual([]);
  });

  it("write unit types in lower case inside a sentence", () => {
    const found = vietnameseTexts()
      .filter(({ text }) => CAPITAL_UNIT_MID_SENTENCE.test(text))
      .map(({ where, text }) => `${where}: ${text}`);
    expect(found).toEqual([]);
  });
});

/** An ISO date (yyyy-mm-dd) inside a text. */
const ISO_DATE = /\d{4}-\d{2}-\d{2}/gu;

/** The words that introduce what to type: an ISO date after them is an example of input. */
const INPUT_EXAMPLE = /ví dụ|dạng|--date|yyyy-mm-dd/u;

describe("the Vietnamese texts of the bot and the CLI", () => {
  it("show an ISO date only as an example of what to type, never as a date they tell", () => {
    const found = vietnameseTexts().flatMap(({ where, text }) =>
      [...text.matchAll(ISO_DATE)]
        .filter((match) => {
          const sentence =
            text
              .slice(0, match.index)
              .split(/[.\n](?:\s|$)/u)
              .at(-1) ?? "";
          return !INPUT_EXAMPLE.test(sentence);
        })
        .map((match) => `${where}: ${match[0]}`),
    );
    expect(found).toEqual([]);
  });

  it("hold no i18n key (namespace:key) where words belong", () => {
    const found = vietnameseTexts()
      .filter(({ text }) =>
        /\b(?:common|cli|broadcast|stories|status|summary|review|report|dialog|choices|reminders):[a-zA-Z]/u.test(
          text,
        ),
      )
      .map(({ where }) => where);
    expect(found).toEqual([]);
  });

  it("the CLI's texts are among those scanned", () => {
    expect(vietnameseTexts().some(({ where }) => where.startsWith("cli.json: "))).toBe(true);
  });
});

/** A text shown in a chat and its key, in every namespace a chat reads (the sandbox page is not a chat). */
function chatTexts(lng: string): Array<{ file: string; key: string; text: string }> {
  return readdirSync(join(LOCALES_DIR, lng))
    .filter((file) => file.endsWith(".json") && file !== "sandbox.json")
    .flatMap((file) =>
      entriesOf(read(lng, file))
        .filter((entry): entry is [string, string] => typeof entry[1] === "string")
        .map(([key, text]) => ({ file, key, text })),
    );
}

describe("the texts Zalo users read", () => {
  // Zalo has no buttons: a text that says "bấm" has a typed variant (`key_typed`) for it.
  it("have a typed variant for every Vietnamese text that says to press a button", () => {
    const texts = chatTexts("vi");
    const keys = new Set(texts.map(({ file, key }) => `${file}: ${key}`));
    const missing = texts
      .filter(({ key, text }) => /bấm/iu.test(text) && !withoutPlural(key).endsWith("_typed"))
      .map(({ file, key }) => `${file}: ${key}`)
      .filter((where) => !keys.has(`${where}_typed`));
    expect(missing).toEqual([]);
    const pressingTyped = texts
      .filter(({ key, text }) => key.endsWith("_typed") && /bấm/iu.test(text))
      .map(({ file, key }) => `${file}: ${key}`);
    expect(pressingTyped).toEqual([]);
  });

  // Most people in Cao Bằng have Zalo only: sending them to another app is a dead end.
  it.each(["vi", "en"])("never send a Zalo user to Telegram (%s)", (lng) => {
    const toTelegram = entriesOf(read(lng, "zalo.json"))
      .filter(([, text]) => typeof text === "string" && /telegram/i.test(text))
      .map(([key]) => key);
    expect(toTelegram).toEqual([]);
  });
});
