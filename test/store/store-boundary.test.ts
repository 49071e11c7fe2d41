import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The module specifiers a file imports or re-exports, static or dynamic. */
function importsOf(text: string): string[] {
  const pattern = /(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g;
  return [...text.matchAll(pattern)].map((match) => match[1] ?? "");
}

describe("the store port is the only way to the stored data", () => {
  it("no file outside src/store imports an adapter (lowdb, PostgreSQL) or the PostgreSQL driver", async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      const path = relative(SRC, file);
      if (path.startsWith(`store${"/"}`)) continue;
      const text = await readFile(file, "utf8");
      for (const specifier of importsOf(text)) {
        if (/(^|\/)store\/(lowdb|postgres)\/|^pg$/.test(specifier)) {
          offenders.push(`${path} → ${specifier}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
