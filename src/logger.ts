import { type Logger, pino } from "pino";

export type { Logger } from "pino";

/**
 * The structured logger: one JSON line per event on stderr, so that `--json` CLI output on
 * stdout stays clean. Tokens, phone numbers and message texts are redacted wherever they
 * appear under the usual field names.
 */
export function createLogger(level: string = "info", destination = 2): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          "token",
          "*.token",
          "phone",
          "*.phone",
          "text",
          "*.text",
          "headers.authorization",
          'headers["x-telegram-bot-api-secret-token"]',
          'headers["x-bot-api-secret-token"]',
        ],
        censor: "[redacted]",
      },
    },
    pino.destination({ fd: destination, sync: true }),
  );
}

/** A logger that writes nothing, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
