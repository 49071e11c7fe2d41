import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandHelp, commandUsage } from "../../src/cli/help.js";
import { COMMANDS, commandKey } from "../../src/cli/registry.js";
import { createI18n, defaultLocalesDir, translatorFor } from "../../src/i18n.js";

const i18n = createI18n("vi");

/** Every key path of a locale file, plural forms folded into their base key. */
function keysOf(lang: string): Set<string> {
  const json = JSON.parse(readFileSync(join(defaultLocalesDir(), lang, "cli.json"), "utf8"));
  const keys = new Set<string>();
  const walk = (node: unknown, path: string) => {
    if (typeof node === "string") keys.add(path.replace(/_(zero|one|two|few|many|other)$/, ""));
    else
      for (const [key, value] of Object.entries(node as object))
        walk(value, path ? `${path}.${key}` : key);
  };
  walk(json, "");
  return keys;
}

describe("the CLI's words", () => {
  it("describe every command, argument and option in Vietnamese and English", async () => {
    for (const entry of COMMANDS) {
      const { command } = await entry.load();
      const key = commandKey(entry.name);
      const needed = [
        `${key}.summary`,
        ...(command.args ?? []).map((arg) => `${key}.args.${arg.replace(/\?$/, "")}`),
        ...Object.keys(command.options ?? {}).map((option) => `${key}.options.${option}`),
      ];
      for (const lng of ["vi", "en"]) {
        for (const k of needed) expect(i18n.exists(k, { lng }), `${lng} ${k}`).toBe(true);
      }
    }
  });

  it("are the same keys in both languages", () => {
    expect([...keysOf("en")].sort()).toEqual([...keysOf("vi")].sort());
  });

  it("give each command a usage line naming its arguments and options", async () => {
    const entry = COMMANDS.find((e) => e.name === "invite create");
    if (!entry) throw new Error("invite create is not registered");
    const { command } = await entry.load();
    expect(commandUsage("invite create", command)).toContain("[--org <org-id>...]");
    const en = commandHelp(translatorFor(i18n, "en"), "invite create", command);
    expect(en[0]).toMatch(/^Usage: npm run cli -- invite create /);
    expect(en.join("\n")).toContain("--qr <file.png>");
  });
});
