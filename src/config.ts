import { existsSync } from "node:fs";
import { resolve } from "node:path";
import cron from "node-cron";
import { z } from "zod";

const TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
const SECRET = /^[A-Za-z0-9_-]{16,256}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Quiet hours: proactive messages due inside them wait until they end. */
export interface QuietHours {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const httpUrl = z.url({ protocol: /^https?$/, error: "url" });

/** A PostgreSQL connection URL, e.g. `postgres://user:password@host:5432/database`. */
export const databaseUrl = z.url({ protocol: /^postgres(ql)?$/, error: "databaseUrl" });

const cronExpression = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => value.split(";").every((part) => cron.validate(part.trim())), {
      error: "cron",
    });

const positiveNumber = (fallback: number) =>
  z.coerce.number({ error: "number" }).positive({ error: "positive" }).default(fallback);

const schema = z
  .object({
    TELEGRAM_BOT_TOKEN: optionalString.pipe(z.string().regex(TOKEN, { error: "token" }).optional()),
    ZALO_BOT_TOKEN: optionalString.pipe(z.string().regex(TOKEN, { error: "token" }).optional()),
    TELEGRAM_API_ROOT: httpUrl.default("https://api.telegram.org"),
    ZALO_API_ROOT: httpUrl.default("https://bot-api.zaloplatforms.com"),
    TELEGRAM_BOT_USERNAME: optionalString.pipe(
      z
        .string()
        .regex(/^@?[A-Za-z0-9_]{3,64}$/, { error: "username" })
        .transform((name) => name.replace(/^@/, ""))
        .optional(),
    ),
    ZALO_BOT_LINK: optionalString.pipe(httpUrl.optional()),
    ISSUER_NAME: optionalString,
    ISSUER_PHONE: optionalString,
    DATA_DIR: z.string().default("./var"),
    DATABASE_URL: optionalString.pipe(databaseUrl.optional()),
    PUBLIC_URL: optionalString.pipe(httpUrl.optional()),
    WEBHOOK_SECRET: optionalString.pipe(z.string().regex(SECRET, { error: "secret" }).optional()),
    PORT: z.coerce
      .number({ error: "port" })
      .int({ error: "whole" })
      .min(1, { error: "port" })
      .max(65535, { error: "port" })
      .optional(),
    TIMEZONE: z.string().default("Asia/Ho_Chi_Minh").refine(isTimeZone, { error: "timeZone" }),
    DEFAULT_LOCALE: z.enum(["vi", "en"], { error: "locale" }).default("vi"),
    QUIET_HOURS: z
      .string()
      .default("21:00-06:30")
      .transform((value, ctx): QuietHours | null => {
        if (value.trim().toLowerCase() === "off") return null;
        const [start, end, ...rest] = value.split("-").map((part) => part.trim());
        if (!start || !end || rest.length > 0 || !CLOCK.test(start) || !CLOCK.test(end)) {
          ctx.addIssue({
            code: "custom",
            message: "quietHours",
          });
          return z.NEVER;
        }
        return { start: minutes(start), end: minutes(end) };
      }),
    BACKUP_SCHEDULE: cronExpression("0 2 * * *"),
    BACKUP_KEEP: z.coerce.number().int().min(1, { error: "atLeastOne" }).default(14),
    /** Ended outbox sends are forgotten after this many days (a recall needs the last 48 hours). */
    OUTBOX_RETENTION_DAYS: z.coerce
      .number({ error: "number" })
      .int({ error: "whole" })
      .min(3, { error: "atLeastThree" })
      .default(60),
    REMINDER_SCHEDULE: cronExpression("0 8 * * 5;0 18 * * 0"),
    ESCALATION_SCHEDULE: cronExpression("0 9 * * 1"),
    SUMMARY_SCHEDULE: cronExpression("30 12 * * 1"),
    TELEGRAM_RATE: positiveNumber(25),
    ZALO_RATE: positiveNumber(10),
    /** Base of the exponential backoff for transient send errors, in milliseconds. */
    RETRY_BASE_MS: positiveNumber(1000),
    /** How long an instance sharing PostgreSQL holds a send it claimed, in seconds. */
    SEND_LEASE_SECONDS: positiveNumber(180),
    BROADCAST_APPROVAL: z.enum(["on", "off"], { error: "onOff" }).default("on"),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: "logLevel" }).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.PUBLIC_URL && !env.WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_SECRET"],
        message: "secretRequired",
      });
    }
  });

type Env = z.output<typeof schema>;

/** The validated, typed configuration of the service. */
export interface Config {
  telegram: { token?: string; apiRoot: string; username?: string; rate: number };
  zalo: { token?: string; apiRoot: string; botLink?: string; rate: number };
  /** Who hands out invite cards, printed on each with a phone number to check them. */
  issuer: { name?: string; phone?: string };
  dataDir: string;
  /** Where the store lives when it is PostgreSQL; absent, it is lowdb under `dataDir`. */
  databaseUrl?: string;
  publicUrl?: string;
  webhookSecret?: string;
  /**
   * Where the HTTP server listens (webhooks, served files, `/healthz`): `PORT`, or 8080 when
   * `PUBLIC_URL` is set. Absent, nothing listens (long polling, nothing to serve).
   */
  port?: number;
  timeZone: string;
  defaultLocale: "vi" | "en";
  quietHours: QuietHours | null;
  schedules: { backup: string; reminders: string[]; escalation: string[]; summary: string[] };
  backupKeep: number;
  /** Days an ended outbox send is kept before the daily prune forgets it. */
  outboxRetentionDays: number;
  retryBaseMs: number;
  /**
   * With PostgreSQL: how long a claimed send stays an instance's; after it, a send of an
   * instance that died is taken back by the others.
   */
  sendLeaseMs: number;
  broadcastApproval: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
}

/** One wrong setting: the variable, and why (a key of the `config` namespace). */
export interface ConfigProblem {
  variable: string;
  reason: string;
}

/**
 * A configuration error: names every variable that is wrong and why. `problems` reads in
 * English; `describe(t)` in the operator's language.
 */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigProblem[]) {
    super(`Invalid configuration: ${issues.map((i) => i.variable).join(", ")}`);
    this.name = "ConfigError";
  }

  /** One line a problem, e.g. "PORT must be a port number (1-65535)", in `t`'s language. */
  describe(t: (key: string, params?: Record<string, unknown>) => string): string[] {
    return this.issues.map((issue) =>
      t("config:problem", {
        variable: issue.variable,
        reason: t(`config:reason.${issue.reason}`, { levels: LOG_LEVELS.join(", ") }),
      }),
    );
  }
}

/** Validates the environment (already merged with `.env`) into a Config; throws ConfigError. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: issue.path.join(".") || "environment",
        // Our own checks carry a reason key; anything else zod says is a bad value.
        reason: /^[a-zA-Z]+$/.test(issue.message) ? issue.message : "invalid",
      })),
    );
  }
  return toConfig(result.data);
}

/**
 * Reads `.env` (if present in the working directory) under the real environment, then
 * validates. The real environment wins, so a deployment can override the file.
 */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const file = resolve(".env");
  const merged = { ...env };
  if (existsSync(file)) {
    const { parse } = await import("dotenv");
    const { readFile } = await import("node:fs/promises");
    const fromFile = parse(await readFile(file, "utf8"));
    for (const [key, value] of Object.entries(fromFile)) merged[key] ??= value;
  }
  return parseConfig(merged);
}

function toConfig(env: Env): Config {
  const split = (value: string) => value.split(";").map((part) => part.trim());
  return {
    telegram: {
      token: env.TELEGRAM_BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      username: env.TELEGRAM_BOT_USERNAME,
      rate: env.TELEGRAM_RATE,
    },
    zalo: {
      token: env.ZALO_BOT_TOKEN,
      apiRoot: env.ZALO_API_ROOT.replace(/\/+$/, ""),
      botLink: env.ZALO_BOT_LINK,
      rate: env.ZALO_RATE,
    },
    issuer: {
      ...(env.ISSUER_NAME ? { name: env.ISSUER_NAME } : {}),
      ...(env.ISSUER_PHONE ? { phone: env.ISSUER_PHONE } : {}),
    },
    dataDir: resolve(env.DATA_DIR),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ""),
    webhookSecret: env.WEBHOOK_SECRET,
    ...(env.PORT !== undefined || env.PUBLIC_URL ? { port: env.PORT ?? 8080 } : {}),
    timeZone: env.TIMEZONE,
    defaultLocale: env.DEFAULT_LOCALE,
    quietHours: env.QUIET_HOURS,
    schedules: {
      backup: env.BACKUP_SCHEDULE,
      reminders: split(env.REMINDER_SCHEDULE),
      escalation: split(env.ESCALATION_SCHEDULE),
      summary: split(env.SUMMARY_SCHEDULE),
    },
    backupKeep: env.BACKUP_KEEP,
    outboxRetentionDays: env.OUTBOX_RETENTION_DAYS,
    retryBaseMs: env.RETRY_BASE_MS,
    sendLeaseMs: env.SEND_LEASE_SECONDS * 1000,
    broadcastApproval: env.BROADCAST_APPROVAL === "on",
    logLevel: env.LOG_LEVEL,
  };
}

function minutes(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
