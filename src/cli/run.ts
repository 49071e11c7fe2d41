import { randomInt } from "node:crypto";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type Config, ConfigError, loadConfig } from "../config.js";
import type { Locale } from "../domain/member.js";
import { createI18n, type Translate, translatorFor } from "../i18n.js";
import { createLogger, type Logger } from "../logger.js";
import type { OpenedStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import {
  CliError,
  type CommandContext,
  type CommandResult,
  type CommandSpec,
  type OptionSpecs,
  type OptionValues,
  UsageError,
} from "./command.js";
import { COMMON_OPTIONS, commandHelp, commandsOverview } from "./help.js";
import { COMMANDS, type CommandEntry } from "./registry.js";

/** Where the CLI writes: stdout for results, stderr for reasons, warnings and logs. */
export interface CliStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs one command line and returns the exit code: 0 ok, 1 bad input or failure (with a
 * one-line reason on stderr), 2 a command line that does not fit the usage. With `--json`
 * stdout gets exactly one JSON line, even on failure (`{"error": …}`).
 */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  streams: CliStreams,
): Promise<number> {
  const json = argv.includes("--json");
  let config: Config | undefined;
  let configError: Error | undefined;
  try {
    config = await loadConfig(env);
  } catch (error) {
    configError = error as Error;
  }
  const locale: Locale = config?.defaultLocale ?? (env.DEFAULT_LOCALE === "en" ? "en" : "vi");
  const t = translatorFor(createI18n(locale), locale);
  const print = (lines: string | readonly string[]) => {
    const text = typeof lines === "string" ? lines : lines.join("\n");
    if (text !== "") streams.stdout(text.endsWith("\n") ? text : `${text}\n`);
  };
  const printHelp = (lines: string[]) =>
    json ? print(JSON.stringify({ help: lines.join("\n") })) : print(lines);

  let opened: OpenedStore | undefined;
  try {
    const words = argv.filter((arg) => !arg.startsWith("-"));
    const wantsHelp = argv.includes("--help") || argv.includes("-h");
    if (words.length === 0 || words[0] === "help") {
      printHelp(commandsOverview(t, COMMANDS));
      return wantsHelp || words[0] === "help" ? 0 : 2;
    }
    const found = findCommand(argv.filter((arg) => arg !== "--json"));
    if (!found) {
      const group = words[0] ?? "";
      if (COMMANDS.some((entry) => entry.name.split(" ")[0] === group)) {
        if (wantsHelp) {
          printHelp(commandsOverview(t, COMMANDS, group));
          return 0;
        }
        throw new UsageError(String(t("cli:errors.unknownSubcommand", { group })));
      }
      throw new UsageError(String(t("cli:errors.unknownCommand", { command: group })));
    }
    const { entry, rest } = found;
    const { command } = await entry.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      printHelp(commandHelp(t, entry.name, command));
      return 0;
    }
    const input = parseCommandLine(t, command, rest);
    if (!config) {
      const problems = configError instanceof ConfigError ? configError.describe(t) : [];
      throw new CliError(
        String(t("cli:errors.config", { problems: problems.join("; ") || configError?.message })),
      );
    }
    const logger = createLogger(env.LOG_LEVEL ? config.logLevel : "warn");
    const ready = config;
    const context: CommandContext = {
      config,
      locale,
      t,
      logger,
      now: () => new Date(),
      random: () => randomInt(0, 2 ** 47) / 2 ** 47,
      store: async (): Promise<Store> => {
        if (!opened) {
          const { openDataDir } = await import("../bootstrap.js");
          opened = await openDataDir(ready, "command", logger);
        }
        return opened.store;
      },
      warn: (message) => streams.stderr(`${message}\n`),
    };
    const result: CommandResult = await command.run(context, { ...input, json });
    print(json ? JSON.stringify(result.json) : result.text);
    if (result.exitCode && result.reason) streams.stderr(`${result.reason}\n`);
    return result.exitCode ?? 0;
  } catch (error) {
    const failure =
      error instanceof CliError
        ? error
        : new CliError(String(t("cli:errors.unexpected", { detail: firstLine(error) })));
    if (!(error instanceof CliError)) logUnexpected(config, env, error);
    for (const detail of failure.details) streams.stderr(`  - ${detail}\n`);
    const hint = failure instanceof UsageError && !json ? ` ${t("cli:help.more")}` : "";
    streams.stderr(`${failure.message}${hint}\n`);
    if (json) {
      print(
        JSON.stringify({
          error: failure.message,
          ...(failure.details.length > 0 ? { problems: failure.details } : {}),
        }),
      );
    }
    return failure.exitCode;
  } finally {
    await opened?.close();
  }
}

/** The registered command named by the leading words, longest name first. */
function findCommand(argv: readonly string[]): { entry: CommandEntry; rest: string[] } | undefined {
  for (const length of [2, 1]) {
    const words = argv.slice(0, length);
    if (words.length < length || words.some((word) => word.startsWith("-"))) continue;
    const entry = COMMANDS.find((candidate) => candidate.name === words.join(" "));
    if (entry) return { entry, rest: argv.slice(length) };
  }
  return undefined;
}

/** Reads a command's options and arguments, or throws a UsageError saying what is wrong. */
function parseCommandLine(
  t: Translate,
  command: CommandSpec,
  rest: string[],
): { options: OptionValues<OptionSpecs>; args: string[] } {
  const options: NonNullable<ParseArgsConfig["options"]> = { ...COMMON_OPTIONS };
  for (const [option, spec] of Object.entries(command.options ?? {})) {
    options[option] = {
      type: spec.type,
      ...(spec.multiple ? { multiple: true } : {}),
      ...(spec.short ? { short: spec.short } : {}),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseArgsReason(t, error));
  }
  const args = parsed.positionals;
  const declared = command.args ?? [];
  const required = declared.filter((arg) => !arg.endsWith("?"));
  if (args.length < required.length) {
    const missing = required[args.length] ?? "";
    throw new UsageError(String(t("cli:errors.missingArgument", { argument: `<${missing}>` })));
  }
  if (args.length > declared.length) {
    throw new UsageError(
      String(t("cli:errors.extraArgument", { argument: args[declared.length] })),
    );
  }
  for (const [option, spec] of Object.entries(command.options ?? {})) {
    if (spec.required && parsed.values[option] === undefined) {
      throw new UsageError(String(t("cli:errors.missingOption", { option: `--${option}` })));
    }
  }
  // parseArgs typed the values from the same specs the command declared.
  return { options: parsed.values as OptionValues<OptionSpecs>, args };
}

function parseArgsReason(t: Translate, error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return String(t("cli:errors.unknownOption", { option }));
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return String(t("cli:errors.optionValue", { option }));
    default:
      return String(t("cli:errors.badCommandLine", { detail: message }));
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0] ?? "";
}

function logUnexpected(config: Config | undefined, env: NodeJS.ProcessEnv, error: unknown): void {
  // The stack is for whoever debugs (LOG_LEVEL=debug); the admin gets the one-line reason.
  const logger: Logger = createLogger(config && env.LOG_LEVEL ? config.logLevel : "warn");
  logger.debug({ err: error }, "command failed");
}
