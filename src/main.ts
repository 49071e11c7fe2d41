import { join, relative, resolve } from "node:path";
import { startApp } from "./app.js";
import { CHANNEL_ADAPTERS } from "./channels/registry.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { createI18n, type Translate } from "./i18n.js";
import { createLogger } from "./logger.js";
import { DamagedDataError } from "./store/damaged-data.js";

/** `npm start`: validates the configuration, starts every channel with a token, stops on SIGTERM. */
async function main(): Promise<void> {
  // Start-up messages speak the deployment's language, even when the rest of the
  // configuration is wrong.
  const t = createI18n(process.env.DEFAULT_LOCALE === "en" ? "en" : "vi").t;
  const say = (lines: string[]) => process.stderr.write(`${lines.join("\n")}\n`);
  let config: Config;
  try {
    config = await loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      say([
        t("config:invalid"),
        ...error.describe(t).map((line) => `  - ${line}`),
        t("config:seeExample"),
      ]);
      process.exit(1);
    }
    throw error;
  }
  if (!CHANNEL_ADAPTERS.some((adapter) => adapter.configured(config))) {
    say([
      t("config:noToken"),
      ...CHANNEL_ADAPTERS.map((adapter) => t(adapter.tokenHintKey)),
      t("config:where"),
      t("config:demo"),
      t("config:sandbox"),
    ]);
    process.exit(1);
  }
  if (config.databaseUrl && !config.publicUrl) {
    // Instances sharing a database would each poll, and a platform serves one poller per bot.
    say([t("config:databaseNeedsWebhooks")]);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const cannotStart = (error: Error): never => {
    logger.fatal({ err: error }, "could not start");
    say(
      error instanceof DamagedDataError
        ? damagedDataAdvice(error, t)
        : [t("config:cannotStart", { reason: error.message })],
    );
    process.exit(1);
  };
  const app = await startApp(config, { logger }).catch(cannotStart);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await app.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.stdout.write("ready\n");
  // On files the reports are read after the first answers: `loaded` says all is read. A
  // damaged file among them stops the bot as at start.
  app.readRest.then(() => process.stdout.write("loaded\n"), cannotStart);
}

/** What to do about a damaged data file: restore the newest backup, step by step. */
function damagedDataAdvice(error: DamagedDataError, t: Translate): string[] {
  const plain = { interpolation: { escapeValue: false } };
  const lines = [t("config:damaged", { file: error.file, detail: error.detail, ...plain })];
  const dir = resolve(error.dataDir ?? ".");
  const aside = `${dir}.damaged`;
  if (!error.newestBackup) {
    lines.push(t("config:damagedNoBackup", { dir, aside, ...plain }));
    return lines;
  }
  // The backup moves with the folder it is in.
  const movedBackup = join(aside, relative(dir, resolve(error.newestBackup)));
  lines.push(
    t("config:damagedRestore", { backup: error.newestBackup, dir, aside, movedBackup, ...plain }),
  );
  return lines;
}

await main();
