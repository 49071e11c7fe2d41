import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger } from "pino";

/**
 * The structured logger: one JSON line per event on stderr, so that `--json` CLI output on
 * stdout stays clean. Tokens, phone numbers and message texts are redacted wherever they
 * appear under the usual field names.
 */
export function createLogger(
  level: string = "info",
  destination: number | DestinationStream = 2,
): Logger {
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
          // grammY's errors carry the request they failed on: never log a message's words.
          "*.payload.text",
          "*.payload.caption",
          "headers.authorization",
          'headers["x-telegram-bot-api-secret-token"]',
          'headers["x-bot-api-secret-token"]',
        ],
        censor: "[redacted]",
      },
    },
    typeof destination === "number"
      ? pino.destination({ fd: destination, sync: true })
      : destination,
  );
}

/** A logger that writes nothing, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
