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

  it("no file outside src/store reaches the files folder by its path", async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      const path = relative(SRC, file);
      if (path.startsWith(`store${"/"}`)) continue;
      for (const specifier of importsOf(await readFile(file, "utf8"))) {
        if (/(^|\/)store\/files-dir(\.js)?$/.test(specifier))
          offenders.push(`${path} → ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("outside src/store, only files that read shipped data or the admin's own files use node:fs", async () => {
    // Each with what it reads or writes; none of these is under $DATA_DIR, and nothing kept
    // goes here: kept data goes through the Store port (photos: `store.files`).
    const allowed = new Map([
      ["config.ts", "the environment file and secrets files the admin names"],
      ["i18n.ts", "the shipped locales/"],
      ["reference/loader.ts", "the shipped data/"],
      ["cli/tables.ts", "a CSV the admin names"],
      ["cli/spool.ts", "an import's checked rows, in the temporary folder until written"],
      ["cli/invite-output.ts", "invite cards written where the admin says"],
      ["cli/commands/invite-batch.ts", "invite cards written where the admin says"],
      ["cli/commands/summary.ts", "a summary written where the admin says"],
      ["cli/commands/members-export.ts", "a person's data written where the admin says"],
      ["features/summaries/summary-files.ts", "a summary written where the admin says"],
      ["render/chart-font.ts", "the chart font cut to the letters drawn, in the temporary folder"],
    ]);
    const users: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      const path = relative(SRC, file).split("\\").join("/");
      if (path.startsWith(`store${"/"}`)) continue;
      if (
        importsOf(await readFile(file, "utf8")).some((s) => /^(node:)?fs(\/promises)?$/.test(s))
      ) {
        users.push(path);
      }
    }
    expect(users.filter((path) => !allowed.has(path))).toEqual([]);
  });
});
