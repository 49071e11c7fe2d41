import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createI18n } from "../src/i18n.js";
import { accessTableMarkdown } from "./e2e/support/access-table.js";
import { ROOT } from "./support/processes.js";

const README = join(ROOT, "README.md");
const START = "<!-- access-table: generated from test/e2e/support/access-table.ts -->";
const END = "<!-- access-table: end -->";

/**
 * The README prints the access table the end-to-end test runs, so the two cannot drift.
 * `UPDATE_README=1 npx vitest run test/access-table-readme.test.ts` writes it after a change.
 */
describe("the access table in the README", () => {
  it("is the table test/e2e/access-control.test.ts checks", () => {
    const i18n = createI18n("vi");
    const text = (key: string) => {
      const [ns = "", path = ""] = key.split(":");
      return String(i18n.getResource("vi", ns, path)).replace(/\s+/g, " ");
    };
    const table = accessTableMarkdown(text);
    const readme = readFileSync(README, "utf8");
    const from = readme.indexOf(START);
    const to = readme.indexOf(END);
    expect(from, `README.md has no line ${START}`).toBeGreaterThan(-1);
    expect(to, `README.md has no line ${END}`).toBeGreaterThan(from);
    const printed = readme.slice(from + START.length, to).trim();
    if (process.env.UPDATE_README === "1" && printed !== table) {
      writeFileSync(
        README,
        `${readme.slice(0, from + START.length)}\n\n${table}\n\n${readme.slice(to)}`,
      );
      return;
    }
    expect(printed).toBe(table);
  });
});
