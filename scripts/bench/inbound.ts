import { startTelegramEmulator, type TelegramEmulator } from "../../src/testing/telegram/index.js";
import type { RunningBot } from "./bot-instances.js";
import { compiled, startBotProcess } from "./bot-process.js";
import { ChatTimer } from "./chat-timer.js";
import type { BenchContext } from "./context.js";
import { type Figure, figure, quantile } from "./figures.js";
import { type Step, weeklyReportSteps } from "./report-steps.js";

/**
 * People who use each bot before its load is measured: a Friday evening finds a bot that has
 * taken reports before, not a process whose dialog has never run. Without them a 100-head load
 * (1,200 updates, about a second) was partly the new process warming up: its p95 above the bare
 * bot's read 34–142 ms, and 16–40 ms with them, the bare bot's own p95 moving by 15 ms.
 */
const WARM_UP_HEADS = 20;

/** What a load of many people writing at once measured. */
interface Load {
  /** ms from each update to the bot's answer. */
  latencies: number[];
  updatesPerSecond: number;
  failures: number;
  peakRssMB: number;
}

/**
 * Every head files this week's report at once, 12 updates each (open, two activity groups,
 * Done, six numbers, review, send), each waiting for the bot's answer before the next, as a
 * person does. Then a bare grammY bot takes the same number of people writing 12 messages
 * each on a fresh emulator. Telegram's limits are off in both, and the bare bot keeps no rate
 * of its own, so the bot's (`TELEGRAM_RATE`, which its replies keep too) is set above anything
 * this load asks, 10,000 a second: at the paid tier's 1,000 its pace, not its handling, bounded
 * it (a report is 12 updates and about 14 paced sends: at most about 850 updates a second).
 * Two loads: the throughput's (300 heads) and the answer time's (100 heads, where the issue
 * sets the p95 target), each in rounds on fresh copies of the province. Before each load, 20
 * other heads file theirs with each bot, unmeasured (`WARM_UP_HEADS`).
 */
export async function inboundBenchmark(context: BenchContext): Promise<Figure[]> {
  const [throughputHeads, answerTimeHeads] = context.workload.heads;
  return [
    ...(await compared(context, throughputHeads, { throughput: true })),
    ...(await compared(context, answerTimeHeads, { answerTime: true })),
  ];
}

/**
 * The bot and the bare bot under one load, in rounds (each a fresh bot on a fresh copy of the
 * province, then the bare bot at once, so both see the machine as it is then); each figure is
 * the median of the rounds'. The targets are judged at this load.
 */
async function compared(
  context: BenchContext,
  count: number,
  judged: { throughput?: boolean; answerTime?: boolean },
): Promise<Figure[]> {
  const { t, province } = context;
  const steps = weeklyReportSteps(t);
  const heads = Array.from({ length: count }, (_, h) => province.headChat(h));
  // Heads beyond both loads' (the province has 2,000), so that no measured one has reported.
  const beyond = Math.max(...context.workload.heads);
  const warmUp = Array.from(
    { length: Math.min(WARM_UP_HEADS, province.hamletIds.length - beyond) },
    (_, h) => province.headChat(beyond + h),
  );
  const bareSteps = steps.map(
    (_, i): Step => ({ kind: "message", act: (u) => u.send(`tin ${i}`) }),
  );
  const rounds: { product: Load; bare: Load }[] = [];
  for (let round = 0; round < context.workload.inboundRounds; round++) {
    const product = await underLoad(
      (emulator) =>
        context.startBot({
          TELEGRAM_BOT_TOKEN: emulator.token,
          TELEGRAM_API_ROOT: emulator.apiRoot,
          TELEGRAM_RATE: "10000",
        }),
      heads,
      steps,
      "loaded",
      warmUp,
    );
    const bare = await underLoad(
      async (emulator) =>
        startBotProcess(compiled("scripts/bench/bare-bot.js"), {
          TELEGRAM_BOT_TOKEN: emulator.token,
          TELEGRAM_API_ROOT: emulator.apiRoot,
        }),
      heads,
      bareSteps,
      "ready",
      warmUp,
    );
    rounds.push({ product, bare });
  }
  const name = `inbound, ${heads.length} heads`;
  const p = (load: Load, q: number) =>
    quantile(
      [...load.latencies].sort((a, b) => a - b),
      q,
    );
  const each = (value: (round: { product: Load; bare: Load }) => number) => rounds.map(value);
  return [
    figure(
      `${name}: updates/s`,
      "updates/s",
      each((r) => r.product.updatesPerSecond),
    ),
    figure(
      `${name}: bare grammY bot updates/s`,
      "updates/s",
      each((r) => r.bare.updatesPerSecond),
    ),
    figure(
      `${name}: throughput / bare bot's`,
      "×",
      each((r) => r.product.updatesPerSecond / r.bare.updatesPerSecond),
      judged.throughput ? { atLeast: 0.5 } : undefined,
    ),
    ...(["", "bare bot "] as const).flatMap((who) =>
      ([0.5, 0.95, 0.99] as const).map((q) =>
        figure(
          `${name}: ${who}p${Math.round(q * 100)} answer`,
          "ms",
          each((r) => p(who ? r.bare : r.product, q)),
        ),
      ),
    ),
    figure(
      `${name}: p95 above the bare bot's`,
      "ms",
      each((r) => p(r.product, 0.95) - p(r.bare, 0.95)),
      judged.answerTime ? { atMost: 100 } : undefined,
    ),
    // Every round's, not a median: one person left without an answer is one too many.
    figure(
      `${name}: updates without an answer`,
      "updates",
      [rounds.reduce((sum, r) => sum + r.product.failures, 0)],
      { atMost: 0 },
    ),
    figure(
      `${name}: bot RSS at peak`,
      "MB",
      each((r) => r.product.peakRssMB),
      { atMost: 400 },
    ),
  ];
}

/** Starts a bot on a fresh emulator and lets every user play the steps at once. */
async function underLoad(
  start: (emulator: TelegramEmulator) => Promise<RunningBot>,
  chats: number[],
  steps: Step[],
  /**
   * When the storm starts: the bot answers from `ready`, but goes on reading the province's
   * reports for a while after; a Friday evening finds it long settled (`loaded`).
   */
  settled: "ready" | "loaded",
  /** People who play the steps before the load, as a bot in service has been used before. */
  warmUpChats: readonly number[],
): Promise<Load> {
  const emulator = await startTelegramEmulator({ rateLimits: false, unknownChats: "create" });
  const timer = new ChatTimer(emulator);
  const bot = await start(emulator);
  const latencies: number[] = [];
  let failures = 0;
  let peak = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    await bot[settled];
    // Memory while the load runs, not the peak of loading the data at start.
    sampler = setInterval(() => {
      peak = Math.max(peak, bot.rssMB());
    }, 200);
    const users = chats.map((id) => emulator.user({ id, firstName: `Trưởng xóm ${id}` }));
    // Unmeasured: the warm-up's people play the same steps first, all at once.
    const warmUp = warmUpChats.map((id) => emulator.user({ id, firstName: `Trưởng xóm ${id}` }));
    await Promise.all(
      warmUp.map(async (user) => {
        for (const step of steps) await timer.time(user, step.kind, () => step.act(user));
      }),
    );
    const started = performance.now();
    await Promise.all(
      users.map(async (user) => {
        for (const step of steps) {
          try {
            latencies.push(await timer.time(user, step.kind, () => step.act(user)));
          } catch {
            // A person left without an answer gives up on the rest of the report.
            failures += steps.length - steps.indexOf(step);
            return;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, bot.rssMB());
    return { latencies, updatesPerSecond: latencies.length / seconds, failures, peakRssMB: peak };
  } finally {
    clearInterval(sampler);
    timer.close();
    await bot.stop();
    await emulator.close();
  }
}
