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
