import type { i18n } from "i18next";
import { openDataDir } from "./bootstrap.js";
import {
  type ChannelAdapter,
  ChannelUnreachableError,
  type RunningChannel,
} from "./channels/channel.js";
import { type RunningHttpServer, startHttpServer } from "./channels/http-server.js";
import { CHANNEL_ADAPTERS } from "./channels/registry.js";
import { createServedFiles, type ServedFiles } from "./channels/served-files.js";
import type { Config } from "./config.js";
import { Outbox } from "./delivery/outbox.js";
import { outboxRetentionJob } from "./delivery/retention.js";
import { DeliveryWorker } from "./delivery/worker.js";

import type { AppDeps } from "./features/app-deps.js";
import { backupJob } from "./features/backup-job.js";
import { type Broadcasting, createBroadcasting } from "./features/broadcasting/broadcasting.js";
import { takingTurns } from "./features/chat-turns.js";
import type { Feature } from "./features/feature.js";
import { createMemberDialogs } from "./features/member-dialogs.js";
import { membershipFeature } from "./features/membership.js";
import { myDataFeature } from "./features/my-data.js";
import { pacedReplies } from "./features/paced-replies.js";
import { escalationJob } from "./features/reminders/escalation-job.js";
import { reminderJob } from "./features/reminders/reminder-job.js";
import { reportFeature } from "./features/reporting/report-feature.js";
import { reportFlow } from "./features/reporting/report-flow.js";
import { reviewReturnFlow } from "./features/review/return-flow.js";
import { reviewFeature } from "./features/review/review-feature.js";
import { createRouter } from "./features/router.js";
import { statusFeature } from "./features/status/status-feature.js";
import { createStories } from "./features/stories/stories.js";
import { weeklySummaryJob } from "./features/summaries/weekly-summary.js";
import { createI18n } from "./i18n.js";
import { JobRunner } from "./jobs/job-runner.js";
import type { Logger } from "./logger.js";
import type { OpenedStore } from "./store/open-store.js";

/**
 * How long an instance sharing PostgreSQL holds a scheduled occurrence it runs: longer than
 * any job takes (a weekly summary of a province), short enough that a dead instance's
 * occurrence is still run within its catch-up window by another.
 */
const SHARED_JOB_LEASE_MS = 15 * 60_000;

/** What tests and the demo may replace: the clock, randomness, the logger. */
export interface AppOptions {
  logger: Logger;
  now?: () => Date;
  random?: () => number;
  /** Where the shipped reference data is (default: the project's `data/`). */
  dataSourceDir?: string;
  /** Host the HTTP server binds to (tests use 127.0.0.1). */
  host?: string;
  /**
   * The platforms the service knows, named in counts per channel and started where configured
   * (default: every one in the registry).
   */
  channels?: readonly ChannelAdapter[];
}

/** The running service. */
export interface RunningApp {
  deps: AppDeps;
  /** The channels started, in the registry's order. */
  channels: RunningChannel[];
  /** A started channel by its id. */
  channel(id: RunningChannel["id"]): RunningChannel | undefined;
  /** Files served by link under PUBLIC_URL (charts and spreadsheets for Zalo), when it is set. */
  servedFiles?: ServedFiles;
  http?: RunningHttpServer;
  /** Where every proactive message is queued, and the worker sending them. */
  outbox: Outbox;
  delivery: DeliveryWorker;
  /** Scheduled jobs (caught up at start; `jobs.catchUp()` runs what is due at the clock's time). */
  jobs: JobRunner;
  broadcasting: Broadcasting;
  /**
   * Resolves once the store has read what it left for after start (big collections a first
   * answer does not need); rejects on a damaged file, which the entry point treats as a start
   * that failed.
   */
  readRest: Promise<void>;
  /** Stops taking updates, finishes what is in flight, flushes the store. */
  stop(): Promise<void>;
}

/**
 * The composition root: config → store → channels → jobs. Starts every channel of the registry
 * that the config asks for; webhook mode (an HTTP server with secret-checked endpoints) when
 * PUBLIC_URL is set.
 */
export async function startApp(config: Config, options: AppOptions): Promise<RunningApp> {
  const { logger } = options;
  const adapters = options.channels ?? CHANNEL_ADAPTERS;
  const opened: OpenedStore = await openDataDir(config, "owner", logger, options.dataSourceDir);
  const i18next: i18n = createI18n(config.defaultLocale);
  const audioReceived: Partial<Record<string, boolean>> = {};
  const deps: AppDeps = {
    config,
    store: opened.store,
    i18n: i18next,
    logger,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    photos: {},
    filesShown: {},
    audioReceived,
    channels: adapters,
  };
  const outbox = new Outbox({
    store: opened.store,
    now: deps.now,
    quietHours: config.quietHours,
    timeZone: config.timeZone,
  });
  const broadcasting = createBroadcasting(deps, outbox);
  const stories = createStories(deps, broadcasting.storyPublisher);
  broadcasting.onChange(stories.follow);
  const engine = createMemberDialogs(
    [reportFlow, reviewReturnFlow(outbox), ...broadcasting.flows, ...stories.flows],
    deps,
  );
  const features: Feature[] = [
    membershipFeature(),
    myDataFeature(),
    reportFeature(engine),
    statusFeature(),
    broadcasting.feature(engine),
    reviewFeature({ engine, outbox }),
    stories.feature(engine),
  ];
  const routed = createRouter(deps, features, engine, outbox);
  // Each chat's updates in turn and each once; instances sharing a database take the turn
  // through its lock.
  const router = takingTurns(routed, {
    claims: opened.store.claims,
    now: deps.now,
    logger,
    ...(opened.chatLock ? { lock: opened.chatLock } : {}),
  });

  const stoppers: Array<() => Promise<void>> = [];
  const channels: RunningChannel[] = [];
  let http: RunningHttpServer | undefined;
  const delivery = new DeliveryWorker({
    store: opened.store,
    outbox,
    quietHours: config.quietHours,
    timeZone: config.timeZone,
    retryBaseMs: config.retryBaseMs,
    now: runningClock(deps.now),
    logger,
    // Sharing PostgreSQL, a send left `sending` may be another live instance's: only an
    // expired lease is taken back, and a short one lets the others finish a dead one's work.
    ...(config.databaseUrl
      ? {
          recoverAtStart: "expired",
          leaseMs: config.sendLeaseMs,
          // A send held through a platform's pause must not outlive its lease.
          maxHoldMs: Math.min(60_000, config.sendLeaseMs / 3),
        }
      : {}),
    ...(opened.sendPace ? { sharedPace: opened.sendPace } : {}),
  });
  const jobs = new JobRunner(
    [
      reminderJob(deps, outbox),
      escalationJob(deps, outbox),
      ...broadcasting.jobs,
      weeklySummaryJob(
        {
          ...deps,
          outbox,
          // Read when the job runs: which chats have buttons is known only once channels start.
          get buttonsOn() {
            return deps.buttonsOn;
          },
        },
        config.schedules.summary,
      ),
      backupJob(deps),
      outboxRetentionJob(deps),
    ],
    {
      store: opened.store,
      logger,
      timeZone: config.timeZone,
      now: deps.now,
      ...(config.databaseUrl ? { sharedLeaseMs: SHARED_JOB_LEASE_MS } : {}),
    },
  );
  const servedFiles = config.publicUrl
    ? createServedFiles({
        files: opened.store.files,
        publicUrl: config.publicUrl,
        now: deps.now,
        logger,
      })
    : undefined;
  try {
    for (const adapter of adapters) {
      if (!adapter.configured(config)) continue;
      const running = await startPatiently(adapter, logger, config.retryBaseMs, () =>
        adapter.start({
          deps,
          router: pacedReplies(router, (channel) => delivery.replySlot(channel)),
          ...(servedFiles ? { servedFiles } : {}),
        }),
      );
      logger.info({ channel: running.id, account: running.account }, "connected");
      for (const warning of running.warnings ?? []) logger.warn(warning);
      channels.push(running);
      stoppers.push(() => running.stop());
      deps.photos[running.id] = running.photos;
      deps.filesShown[running.id] = running.capabilities.photos !== "none";
      audioReceived[running.id] = running.capabilities.receivesAudio === true;
      deps.buttonsOn = {
        ...deps.buttonsOn,
        [running.id]: running.capabilities.buttons !== undefined,
      };
    }
    const routes = [
      ...channels.flatMap((running) => running.routes),
      ...(servedFiles ? [servedFiles.route] : []),
    ];
    if (config.port !== undefined) {
      http = await startHttpServer(config.port, routes, logger, options.host, {
        warnings: () => channels.flatMap((running) => running.warnings ?? []),
        ready: () => opened.store.maintenance.ping(),
      });
      stoppers.unshift(() => http?.close() ?? Promise.resolve());
      logger.info({ port: http.port }, "http server listening");
    }
    for (const running of channels) {
      delivery.register(running.lane);
    }
    await delivery.start();
    stoppers.push(() => delivery.stop());
    stoppers.unshift(() => jobs.stop());
    await broadcasting.attach(delivery);
    await jobs.start();
  } catch (error) {
    for (const stop of stoppers) await stop().catch(() => undefined);
    await opened.close();
    throw error;
  }

  // Only now, so that reading them does not hold up the first answers.
  const readRest = opened.readRest?.() ?? Promise.resolve();
  let stopped = false;
  return {
    readRest,
    deps,
    channels,
    channel: (id) => channels.find((running) => running.id === id),
    servedFiles,
    http,
    outbox,
    delivery,
    jobs,
    broadcasting,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const stop of stoppers) {
        await stop().catch((error) => logger.error({ err: error }, "error while stopping"));
      }
      await opened.close();
      logger.info("stopped");
    },
  };
}

/**
 * The injected clock, advancing in real time from each instant it shows: the delivery worker
 * paces sends and waits out backoffs by it, which a clock a test holds still would stall,
 * while its due times must still be read on the same clock the outbox was given.
 */
function runningClock(now: () => Date): () => Date {
  let shown = now().getTime();
  let since = performance.now();
  return () => {
    const current = now().getTime();
    if (current !== shown) {
      shown = current;
      since = performance.now();
    }
    return new Date(current + (performance.now() - since));
  };
}

/** The longest wait between two attempts to reach a platform at start. */
const START_RETRY_MAX_MS = 60_000;

/**
 * Starts a channel, trying again while its platform cannot be reached (the network is down at
 * boot, say): waits grow from `baseMs` to a minute, each logged with the reason. A refused
 * token or any other error is not retried.
 */
async function startPatiently(
  adapter: ChannelAdapter,
  logger: Logger,
  baseMs: number,
  start: () => Promise<RunningChannel>,
): Promise<RunningChannel> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (!(error instanceof ChannelUnreachableError)) throw error;
      const waitMs = Math.min(START_RETRY_MAX_MS, baseMs * 2 ** attempt);
      logger.warn(
        { channel: adapter.id, reason: error.message, waitMs },
        "cannot reach the platform; trying again",
      );
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
