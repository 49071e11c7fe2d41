import { startApp } from "./app.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

/** `npm start`: validates the configuration, starts every channel with a token, stops on SIGTERM. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = await loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
  if (!config.telegram.token && !config.zalo.token) {
    process.stderr.write(
      [
        "Chung Sức needs at least one bot token to start. Set one or both of:",
        "  TELEGRAM_BOT_TOKEN   the token from @BotFather, e.g. 123456:ABC-def",
        "  ZALO_BOT_TOKEN       the token from the Zalo Bot Platform, e.g. 123456:abc",
        "in the environment or in a .env file (see .env.example).",
        "To try the bot offline first, with local emulators of both platforms: npm run demo",
        "",
      ].join("\n"),
    );
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, { logger }).catch((error: Error) => {
    logger.fatal({ err: error }, "could not start");
    process.stderr.write(`Could not start: ${error.message}\n`);
    process.exit(1);
  });
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
  process.stdout.write(`ready\n`);
}

await main();
