/**
 * Benchmark: how long compiling a province-wide weekly summary takes over a year of reports
 * (2,000 hamlets × 52 weeks, about 100,000 reports). Prints figures; asserts nothing.
 * Run: `npm run build && node dist/scripts/bench-summary.js`.
 */
import { performance } from "node:perf_hooks";
import type { Campaign } from "../src/domain/campaign.js";
import type { CriteriaSet, CriterionStatus } from "../src/domain/criteria.js";
import type { HamletReport } from "../src/domain/report.js";
import type { ReportFields } from "../src/domain/report-fields.js";
import { compileSummary } from "../src/domain/summary/compile.js";
import type { SummaryInput } from "../src/domain/summary/types.js";
import type { Unit } from "../src/domain/unit.js";
import { UnitTree } from "../src/domain/unit-tree.js";
import { addWeeks } from "../src/domain/week.js";

const COMMUNES = 40;
const HAMLETS_PER_COMMUNE = 50;
const WEEKS = 52;
const FIRST_WEEK = "2026-W01";

// A deterministic generator, so runs compare like with like.
let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}

const fieldIds = [
  "roadConcretedM",
  "roadRepairedM",
  "canalM",
  "fundsPeopleMillionVnd",
  "fundsSponsorMillionVnd",
  "labourDays",
  "landDonatedM2",
  "housesRepaired",
  "treesPlanted",
  "cleanupSessions",
  "meetings",
  "attendees",
  "newModels",
  "roadsideFlowersM",
  "streetLightingM",
  "culturalHouseSessions",
  "fiveNoThreeCleanHouseholds",
];
const reportFields: ReportFields = {
  groups: [
    {
      id: "all",
      label: "all",
      fields: fieldIds.map((id) => ({ id, label: id, unit: "m", min: 0, max: 5000 })),
    },
  ],
};

const units: Unit[] = [
  { id: "province", kind: "city", name: "Province", source: "data", active: true },
];
const hamletIds: string[] = [];
for (let c = 0; c < COMMUNES; c++) {
  const commune = `c${c}`;
  units.push({
    id: commune,
    kind: "commune",
    name: `Commune ${c}`,
    parent: "province",
    source: "data",
    active: true,
  });
  for (let h = 0; h < HAMLETS_PER_COMMUNE; h++) {
    const id = `${commune}.h${h}`;
    hamletIds.push(id);
    units.push({
      id,
      kind: "hamlet",
      name: `Hamlet ${c}-${h}`,
      parent: commune,
      source: "data",
      active: true,
    });
  }
}

const reports: HamletReport[] = [];
for (let w = 0; w < WEEKS; w++) {
  const week = addWeeks(FIRST_WEEK, w);
  for (const hamletId of hamletIds) {
    if (random() < 0.05) continue;
    const values: Record<string, number> = {};
    for (let i = 0; i < 4; i++) {
      const field = fieldIds[Math.floor(random() * fieldIds.length)] ?? "meetings";
      values[field] = Math.round(random() * 500);
    }
    reports.push({
      id: `${hamletId}@${week}`,
      hamletId,
      week,
      receipt: `${week}-${reports.length}`,
      authorId: "head",
      groups: [],
      values,
      criteriaClaimed: [],
      photos: [],
      submittedAt: "2026-01-01T00:00:00Z",
      late: random() < 0.1,
      review: random() < 0.01 ? "returned" : "submitted",
      version: 0,
      ...(random() < 0.05 ? { difficulties: "Thiếu vật liệu" } : {}),
    });
  }
}

const ntm: CriteriaSet = {
  id: "hamlet-ntm",
  level: "hamlet",
  status: "ntm",
  active: true,
  criteria: Array.from({ length: 14 }, (_, i) => ({
    id: `hamlet-ntm/c${i}`,
    no: i + 1,
    name: `c${i}`,
  })),
};
const model: CriteriaSet = {
  id: "hamlet-model",
  level: "hamlet",
  status: "model",
  requires: "hamlet-ntm",
  active: true,
  criteria: Array.from({ length: 13 }, (_, i) => ({
    id: `hamlet-model/c${i}`,
    no: i + 1,
    name: `c${i}`,
  })),
};
const criteria: CriterionStatus[] = [];
for (const unitId of hamletIds) {
  for (const set of [ntm, model]) {
    for (const criterion of set.criteria) {
      if (random() < 0.8)
        criteria.push({ unitId, criterionId: criterion.id, state: "met", since: "2026-03-01" });
    }
  }
}

const campaign: Campaign = {
  id: "bench",
  name: "Bench",
  scope: "province",
  from: "2026-01-01",
  to: "2030-12-31",
  active: true,
  communesInScope: [],
  targets: [
    { kind: "share", unitKind: "hamlet", status: "ntm", share: 1, by: 2030, text: "ntm" },
    { kind: "share", unitKind: "hamlet", status: "model", share: 0.5, by: 2030, text: "model" },
  ],
};

const tree = new UnitTree(units);
function input(area: string, period: SummaryInput["period"]): SummaryInput {
  return {
    area,
    period,
    tree,
    reports,
    criteria,
    criteriaSets: [ntm, model],
    campaigns: [campaign],
    recognitions: [],
    reportFields,
    now: new Date("2027-01-05T03:00:00Z"),
    timeZone: "Asia/Ho_Chi_Minh",
  };
}

function time(label: string, run: () => unknown, times = 1): void {
  const start = performance.now();
  for (let i = 0; i < times; i++) run();
  const ms = (performance.now() - start) / times;
  console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms`);
}

console.log(
  `${hamletIds.length} hamlets, ${WEEKS} weeks, ${reports.length} reports, ${criteria.length} criteria`,
);
time("province, week 48, first compile (indexes the reports)", () =>
  compileSummary(input("province", { kind: "week", week: "2026-W48" })),
);
time(
  "province, week 48, again (index reused), mean of 10",
  () => compileSummary(input("province", { kind: "week", week: "2026-W48" })),
  10,
);
time(
  "one commune, week 48, mean of 10",
  () => compileSummary(input("c7", { kind: "week", week: "2026-W48" })),
  10,
);
time("province, quarter 4", () =>
  compileSummary(input("province", { kind: "quarter", year: 2026, quarter: 4 })),
);
time("province, year 2026", () => compileSummary(input("province", { kind: "year", year: 2026 })));
