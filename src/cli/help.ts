import type { Translate } from "../i18n.js";
import type { CommandSpec, OptionSpec } from "./command.js";
import { type CommandEntry, commandKey } from "./registry.js";

/** The options every command takes, besides its own. */
export const COMMON_OPTIONS = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies Record<string, OptionSpec>;

const PROGRAM = "npm run cli --";

/** The one-line usage of a command: `npm run cli -- units import <csv> [--dry-run]`. */
export function commandUsage(name: string, spec: CommandSpec): string {
  const parts = [PROGRAM, name];
  for (const arg of spec.args ?? []) {
    parts.push(arg.endsWith("?") ? `[<${arg.slice(0, -1)}>]` : `<${arg}>`);
  }
  for (const [option, o] of Object.entries(spec.options ?? {})) {
    let text = flag(option, o);
    if (o.multiple) text += "...";
    parts.push(o.required ? text : `[${text}]`);
  }
  parts.push("[--json]");
  return parts.join(" ");
}

/** A command's full help: usage, what it does, its arguments and options. */
export function commandHelp(t: Translate, name: string, spec: CommandSpec): string[] {
  const key = commandKey(name);
  const lines = [
    `${t("cli:help.usage")}: ${commandUsage(name, spec)}`,
    "",
    String(t(`${key}.summary`)),
  ];
  const details = String(t(`${key}.details`, { defaultValue: "" }));
  if (details) lines.push("", ...details.split("\n"));
  const rows: Array<[string, string]> = [];
  for (const arg of spec.args ?? []) {
    const bare = arg.replace(/\?$/, "");
    rows.push([`<${bare}>`, String(t(`${key}.args.${bare}`))]);
  }
  if (rows.length > 0) lines.push("", `${t("cli:help.arguments")}:`, ...table(rows));
  const options: Array<[string, string]> = Object.entries(spec.options ?? {}).map(([option, o]) => [
    (o.short ? `-${o.short}, ` : "") + flag(option, o),
    String(t(`${key}.options.${option}`)),
  ]);
  options.push(["--json", String(t("cli:help.json"))], ["-h, --help", String(t("cli:help.help"))]);
  lines.push("", `${t("cli:help.options")}:`, ...table(options));
  return lines;
}

/** The list of commands (of one group, or all) with their summaries. */
export function commandsOverview(
  t: Translate,
  entries: readonly CommandEntry[],
  group?: string,
): string[] {
  const shown = entries.filter((entry) => !group || entry.name.split(" ")[0] === group);
  return [
    `${t("cli:help.usage")}: ${PROGRAM} <${t("cli:help.command")}> [${t("cli:help.optionsWord")}]`,
    "",
    `${t("cli:help.commands")}:`,
    ...table(shown.map((entry) => [entry.name, String(t(`${commandKey(entry.name)}.summary`))])),
    "",
    String(t("cli:help.more")),
  ];
}

function flag(option: string, spec: OptionSpec): string {
  return spec.type === "string" ? `--${option} <${spec.value ?? "value"}>` : `--${option}`;
}

function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}
