/**
 * Benchmark: how long `/status` takes through the status feature at a province's size
 * (2,000 hamlets × 52 weeks, about 94,000 reports in a lowdb store): until the text answer,
 * and until the chart with its buttons. Prints figures; asserts nothing.
 * Run: `npm run build && node dist/scripts/bench-status.js`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseConfig } from "../src/config.js";
import type { Member } from "../src/domain/member.js";
import type { AppDeps } from "../src/features/app-deps.js";
import type { MemberContext } from "../src/features/feature.js";
import { syncReferenceData } from "../src/features/reference-sync.js";
import { statusChoiceData } from "../src/features/status/status-choices.js";
import { statusFeature } from "../src/features/status/status-feature.js";
import { createI18n } from "../src/i18n.js";
import { silentLogger } from "../src/logger.js";
import type { Inbound } from "../src/messaging/inbound.js";
import type { Outbound } from "../src/messaging/outbound.js";
import type { Reply } from "../src/messaging/reply.js";
import { loadReferenceData } from "../src/reference/loader.js";
import { openLowStore } from "../src/store/lowdb/lowdb-store.js";
import { LargeCity } from "../src/testing/large-city.js";

const RUNS = 5;
const city = new LargeCity();
const dir = await mkdtemp(join(tmpdir(), "bench-status-"));
const store = await openLowStore(dir);
await syncReferenceData(store, loadReferenceData());
await store.units.saveMany(city.units);
const reports = city.allReports();
await Promise.all(reports.map((report) => store.reports.save(report)));
const ntm = (await store.criteria.listSets()).filter((set) => set.id === "hamlet-ntm");
await store.criteria.setStatuses(city.criteria(ntm, "2025-01-01"));

// Wednesday of week 48: the week is under way.
const now = new Date("2026-11-25T03:00:00Z");
const deps: AppDeps = {
  config: parseConfig({ DATA_DIR: dir }),
  store,
  i18n: createI18n("vi"),
  logger: silentLogger(),
  now: () => now,
  random: Math.random,
  photos: {},
};
const official: Member = {
  id: "m-bench",
  name: "Cán bộ tỉnh",
  unitId: city.rootId,
  orgIds: [],
  roles: [{ role: "official", unitId: city.rootId, orgIds: [] }],
  locale: "vi",
  active: true,
  optedOut: false,
  identities: [],
  source: "cli",
  createdAt: now.toISOString(),
};
const feature = statusFeature();

/** Times one command or press: ms until each message the official would see. */
async function measure(inbound: Partial<Inbound>): Promise<number[]> {
  const start = performance.now();
  const marks: number[] = [];
  const reply: Reply = {
    buttons: true,
    send: async (_message: Outbound) => {
      marks.push(performance.now() - start);
      return { messageId: String(marks.length) };
    },
    edit: async () => ({ messageId: "0" }),
    acknowledge: async () => undefined,
  };
  const ctx: MemberContext = {
    inbound: {
      channel: "telegram",
      chatId: "1",
      updateId: "1",
      receivedAt: now,
      kind: "command",
      ...inbound,
    },
    member: official,
    reply,
    t: deps.i18n.getFixedT("vi"),
    locale: "vi",
    deps,
  };
  const handler =
    inbound.kind === "choice" ? feature.choices?.st : feature.commands?.[inbound.command ?? ""];
  await handler?.(ctx);
  return marks;
}

function show(label: string, runs: number[][]): void {
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const columns = runs[0]?.map((_, i) => median(runs.map((marks) => marks[i] ?? 0))) ?? [];
  const text = columns.map(
    (ms, i) =>
      `${i === 0 ? "text" : i === 1 ? "chart" : `#${i + 1}`} ${ms.toFixed(0).padStart(5)} ms`,
  );
  console.log(`${label.padEnd(62)} ${text.join("   ")}`);
}

async function repeat(
  times: number,
  inbound: Partial<Inbound>,
  before?: () => Promise<void>,
): Promise<number[][]> {
  const runs: number[][] = [];
  for (let i = 0; i < times; i++) {
    await before?.();
    runs.push(await measure(inbound));
  }
  return runs;
}

console.log(
  `${city.hamletIds.length} hamlets, ${city.weeks.length} weeks, ${reports.length} reports`,
);
const status = { kind: "command", command: "status", text: "" } as const;
show("/status, province, first after start (cold)", [await measure(status)]);
show(`/status, province, again (median of ${RUNS})`, await repeat(RUNS, status));
let version = 1;
show(
  `/status, province, after a new report each time (median of ${RUNS})`,
  await repeat(RUNS, status, async () => {
    const report = city.report(1, city.weeks.indexOf("2026-W48"));
    if (report) await store.reports.save({ ...report, version: version++ });
  }),
);
const press = (data: string) => ({ kind: "choice", choice: { data } }) as const;
show(
  `drill-down list of the 40 communes (median of ${RUNS})`,
  await repeat(RUNS, press(statusChoiceData("parts", city.rootId, "2026-W48"))),
);
show(
  `/status of one commune, 50 hamlets (median of ${RUNS})`,
  await repeat(RUNS, press(statusChoiceData("show", "xa-07", "2026-W48"))),
);
show(
  `/status of one hamlet (median of ${RUNS})`,
  await repeat(RUNS, press(statusChoiceData("show", "xa-07.xom-03", "2026-W48"))),
);
show("previous week, province (first time)", [
  await measure(press(statusChoiceData("show", city.rootId, "2026-W47"))),
]);
show("spreadsheet of the province (2,000 rows)", [
  await measure(press(statusChoiceData("sheet", city.rootId, "2026-W48"))),
]);
await store.close();
await rm(dir, { recursive: true, force: true });
