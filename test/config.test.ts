import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";
import { createI18n } from "../src/i18n.js";

const english = createI18n("en").getFixedT("en");

function problemsOf(env: Record<string, string>, t = english): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.describe(t);
    throw error;
  }
  return [];
}

describe("configuration from the environment", () => {
  it("takes the documented defaults", () => {
    const config = parseConfig({});
    expect(config.telegram.apiRoot).toBe("https://api.telegram.org");
    expect(config.zalo.apiRoot).toBe("https://bot-api.zaloplatforms.com");
    // Nothing listens unless there is something to serve or a port was asked for.
    expect(config.port).toBeUndefined();
    expect(
      parseConfig({ PUBLIC_URL: "https://bot.example.vn", WEBHOOK_SECRET: "s".repeat(20) }).port,
    ).toBe(8080);
    expect(parseConfig({ PORT: "9090" }).port).toBe(9090);
    expect(config.timeZone).toBe("Asia/Ho_Chi_Minh");
    expect(config.defaultLocale).toBe("vi");
    expect(config.quietHours).toEqual({ start: 21 * 60, end: 6 * 60 + 30 });
    expect(config.schedules.reminders).toEqual(["0 8 * * 5", "0 18 * * 0"]);
    expect(config.telegram.rate).toBe(25);
    expect(config.broadcastApproval).toBe(true);
    expect(config.outboxRetentionDays).toBe(60);
  });

  it("names every variable that is wrong", () => {
    const problems = problemsOf({
      TELEGRAM_BOT_TOKEN: "not-a-token",
      TELEGRAM_API_ROOT: "ftp://example",
      PORT: "99999",
      TIMEZONE: "Mars/Olympus",
      QUIET_HOURS: "late",
      BACKUP_SCHEDULE: "every day",
      OUTBOX_RETENTION_DAYS: "1",
      LOG_LEVEL: "loud",
    });
    for (const name of [
      "TELEGRAM_BOT_TOKEN",
      "TELEGRAM_API_ROOT",
      "PORT",
      "TIMEZONE",
      "QUIET_HOURS",
      "BACKUP_SCHEDULE",
      "OUTBOX_RETENTION_DAYS",
      "LOG_LEVEL",
    ]) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
  });

  it("requires a webhook secret in webhook mode, of the allowed shape", () => {
    expect(problemsOf({ PUBLIC_URL: "https://bot.example.vn" })).toEqual([
      "WEBHOOK_SECRET is required when PUBLIC_URL is set (webhook mode)",
    ]);
    expect(
      problemsOf({ PUBLIC_URL: "https://bot.example.vn", WEBHOOK_SECRET: "short" })[0],
    ).toMatch(/^WEBHOOK_SECRET must be 16-256/);
  });

  it("says what is wrong in Vietnamese for a Vietnamese deployment", () => {
    const vietnamese = createI18n("vi").getFixedT("vi");
    expect(problemsOf({ PORT: "tám mươi" }, vietnamese)).toEqual([
      "PORT: phải là số cổng từ 1 đến 65535",
    ]);
  });

  it("keeps the store in PostgreSQL when DATABASE_URL names one, and says how to write it", () => {
    expect(parseConfig({}).databaseUrl).toBeUndefined();
    expect(
      parseConfig({ DATABASE_URL: "postgres://bot@db.example.vn:5432/chung_suc" }),
    ).toMatchObject({ databaseUrl: "postgres://bot@db.example.vn:5432/chung_suc" });
    expect(problemsOf({ DATABASE_URL: "mysql://db.example.vn/chung_suc" })).toEqual([
      "DATABASE_URL must be a PostgreSQL URL, e.g. postgres://user:password@host:5432/database",
    ]);
    const vietnamese = createI18n("vi").getFixedT("vi");
    expect(problemsOf({ DATABASE_URL: "db.example.vn" }, vietnamese)).toEqual([
      "DATABASE_URL: phải là một địa chỉ PostgreSQL, ví dụ postgres://user:password@host:5432/database",
    ]);
  });

  it("turns quiet hours off with 'off'", () => {
    expect(parseConfig({ QUIET_HOURS: "off" }).quietHours).toBeNull();
  });
});
