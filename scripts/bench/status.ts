import { openDataDir } from "../../src/bootstrap.js";
import { weekPeriod } from "../../src/domain/period.js";
import { summarySourceOf } from "../../src/features/summaries/summary-source.js";
import { startTelegramEmulator, type TelegramUser } from "../../src/testing/telegram/index.js";
import { botEnv, startProduct } from "./bot-process.js";
import { ChatTimer, pressLatest } from "./chat-timer.js";
import type { BenchContext } from "./context.js";
import { type Figure, figure, quantile } from "./figures.js";
import { STAFF } from "./province.js";
import { play, weeklyReportSteps } from "./report-steps.js";

const TIME_ZONE = "Asia/Ho_Chi_Minh";

/**
 * `/status` over a year of reports, end to end through the real bot: a head files this week's
 * report, then an official asks `/status`; timed until the text, and until the chart with its
 * buttons (the last of the answer). For the province and for one commune; then the province's
 * spreadsheet button. Compiling alone is timed in-process on the same data afterwards.
 */
export async function statusBenchmark(context: BenchContext): Promise<Figure[]> {
  const { province, workload, t } = context;
  const runs = workload.statusRuns;
  const dir = await context.provinceCopy();
  const emulator = await startTelegramEmulator({ rateLimits: false, unknownChats: "create" });
  const timer = new ChatTimer(emulator);
  const bot = startProduct(
    botEnv(dir, { TELEGRAM_BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot }),
  );
  const report = weeklyReportSteps(t);
  let nextHead = 0;
  const fileReport = () =>
    play(
      timer,
      emulator.user({ id: province.headChat(nextHead++), firstName: "Trưởng xóm" }),
      report,
    );
  /** ms until the text and until the chart (with the buttons) of one `/status`. */
  const ask = async (official: TelegramUser): Promise<{ text: number; full: number }> => {
    const chat = String(official.id);
    const text = timer.next(chat, "message");
    const chart = timer.next(chat, "photo");
    const start = performance.now();
    official.command("/status");
    return { text: (await text) - start, full: (await chart) - start };
  };
  const figures: Figure[] = [];
  try {
    await bot.ready;
    const provinceOfficial = emulator.user({ id: STAFF.provinceOfficial.chat, firstName: "Tỉnh" });
    const communeOfficial = emulator.user({ id: STAFF.communeOfficial.chat, firstName: "Xã" });
    const first = await ask(provinceOfficial);
    figures.push(figure("status, province, first after start: chart", "ms", [first.full]));
    for (const [label, official] of [
      ["province", provinceOfficial],
      ["commune", communeOfficial],
    ] as const) {
      const samples: { text: number; full: number }[] = [];
      for (let r = 0; r < runs; r++) {
        // A new report first: the answer must take it in, no reuse of the last one.
        await fileReport();
        samples.push(await ask(official));
      }
      const name = `status, ${label}, after a new report`;
      figures.push(
        figure(
          `${name}: text p50`,
          "ms",
          samples.map((s) => s.text),
        ),
        figure(
          `${name}: text+chart+buttons p50`,
          "ms",
          samples.map((s) => s.full),
        ),
        figure(
          `${name}: text+chart+buttons p95`,
          "ms",
          [
            quantile(
              samples.map((s) => s.full).sort((a, b) => a - b),
              0.95,
            ),
          ],
          label === "province" ? { atMost: 300 } : undefined,
        ),
      );
    }
    const sheets: number[] = [];
    for (let r = 0; r < Math.min(runs, 3); r++) {
      await ask(provinceOfficial);
      sheets.push(
        await timer.time(
          provinceOfficial,
          "document",
          pressLatest(provinceOfficial, t("status:button.sheet")),
        ),
      );
    }
    figures.push(figure("status, province XLSX by its button", "ms", sheets, { atMost: 1000 }));
  } finally {
    timer.close();
    await bot.stop();
    await emulator.close();
  }
  figures.push(...(await compileAlone(context, dir)));
  return figures;
}

/** The summary alone, through the summary source the bot uses, after a new report and again. */
async function compileAlone(context: BenchContext, dir: string): Promise<Figure[]> {
  const { province, workload } = context;
  const opened = await openDataDir({ dataDir: dir }, "owner");
  try {
    const source = summarySourceOf(opened.store);
    const now = new Date();
    const period = weekPeriod(province.currentWeek);
    const compile = async () => {
      const start = performance.now();
      await source.compile(province.rootId, period, now, TIME_ZONE);
      return performance.now() - start;
    };
    await compile();
    const again: number[] = [];
    const afterReport: number[] = [];
    for (let r = 0; r < workload.statusRuns; r++) {
      again.push(await compile());
      const last = province.weeks.length - 1;
      const changed = province.report(r % province.hamletIds.length, last, Math.random);
      // The next version of the stored report: any other is refused, and nothing is new.
      const stored = await opened.store.reports.get(changed.hamletId, changed.week);
      const version = (stored?.version ?? -1) + 1;
      if (!(await opened.store.reports.save({ ...changed, version }))) {
        throw new Error(`report ${changed.id} was not stored`);
      }
      afterReport.push(await compile());
    }
    return [
      figure("status compile alone, province, after a new report", "ms", afterReport, {
        atMost: 50,
      }),
      figure("status compile alone, province, nothing new", "ms", again),
    ];
  } finally {
    await opened.close();
  }
}
