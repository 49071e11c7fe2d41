import type { Config } from "../config.js";
import type { Locale } from "../domain/member.js";
import type { Translate } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/store.js";

/** One command-line option, as `util.parseArgs` reads it, plus what help shows. */
export interface OptionSpec {
  type: "string" | "boolean";
  /** May be given several times (`--org a --org b`). */
  multiple?: boolean;
  short?: string;
  /** Without it the command is a usage error. */
  required?: boolean;
  /** The value's placeholder in help: `--unit <id>`. */
  value?: string;
}

/** A command's options by name. */
export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed values of a command's options. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]: O[K] extends { type: "boolean" }
    ? boolean | undefined
    : O[K] extends { multiple: true }
      ? string[] | undefined
      : string | undefined;
};

/** What a command is given to run: its parsed options and positional arguments. */
export interface CommandInput<O extends OptionSpecs> {
  options: OptionValues<O>;
  args: string[];
  /** `--json`: the result is printed as one JSON line. */
  json: boolean;
}

/** What every command may use: configuration, words, clock, randomness and the store. */
export interface CommandContext {
  config: Config;
  locale: Locale;
  /** Translator in the CLI's language; keys are `cli:…`. */
  t: Translate;
  logger: Logger;
  now: () => Date;
  /** Uniform in [0, 1), from a cryptographic source. */
  random: () => number;
  /** The store of `$DATA_DIR`, opened (and initialised if empty) on first use. */
  store(): Promise<Store>;
  /** Writes a warning line on stderr (never on stdout, so `--json` output stays one line). */
  warn(message: string): void;
}

/** A command's output: what `--json` prints, and what a person reads. */
export interface CommandResult {
  json: unknown;
  text: string | string[];
  /** Non-zero when the command ran but found problems (e.g. `data validate`). */
  exitCode?: number;
  /** With a non-zero exit code: the one-line reason written on stderr. */
  reason?: string;
}

/**
 * A CLI command. Its name lives in the registry (`src/cli/registry.ts`); its words in
 * `locales/<lang>/cli.json` under `commands.<name-with-dashes>`: `summary`, `args.<arg>`,
 * `options.<option>` and optionally `details`.
 */
export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** Positional arguments in order; a name ending in `?` is optional. */
  args?: readonly string[];
  options?: O;
  run(context: CommandContext, input: CommandInput<O>): Promise<CommandResult>;
}

/** Declares a command with its option types inferred. */
export function defineCommand<const O extends OptionSpecs = Record<never, OptionSpec>>(
  spec: CommandSpec<O>,
): CommandSpec<O> {
  return spec;
}

/**
 * A failure to report: a one-line reason (already in the reader's language), optional detail
 * lines printed before it, and the exit code (1 for bad input or failure).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A command line that does not fit the command's usage (exit code 2). */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, [], 2);
    this.name = "UsageError";
  }
}
