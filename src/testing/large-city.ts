import type { CriteriaSet, CriterionStatus } from "../domain/criteria.js";
import type { HamletReport } from "../domain/report.js";
import { reportId } from "../domain/report.js";
import type { Unit } from "../domain/unit.js";
import { addWeeks, type WeekKey } from "../domain/week.js";

/** How big a synthetic province to build, and over which weeks. */
export interface LargeCityOptions {
  communes?: number;
  hamletsPerCommune?: number;
  weeks?: number;
  firstWeek?: WeekKey;
}

const COMMUNE_FIRST = ["Nà", "Bản", "Cốc", "Lũng", "Pác", "Khuổi", "Phja", "Thâm", "Vằng", "Đông"];
const COMMUNE_SECOND = ["Đồng", "Hòa", "Tiến", "Xuân"];
const HAMLET_WORDS = [
  "Nà Rị",
  "Bó Lếch",
  "Cốc Mòn",
  "Pác Phầy",
  "Lũng Đẩy",
  "Khau Đồn",
  "Tổng Nặm",
  "Phiêng Pàng",
  "Nặm Giàng",
  "Đông Chúp",
];

/**
 * A synthetic province for tests and benchmarks, deterministic: `communes` × `hamletsPerCommune`
 * hamlets (default 40 × 50 = 2,000) reporting over `weeks` weeks (default 52 from 2026-W01).
 * The rules are simple enough to check by hand:
 * - hamlet h (0-based over the province, in commune c) misses week w (0-based) when
 *   (7h + 3w + c) mod 10 = 0: with communes of a multiple of ten hamlets, exactly one hamlet
 *   in ten is missing every week, in every commune;
 * - a report is late when (h + w) mod 9 = 0;
 * - every report has 100 m of new concrete road, 2 triệu đồng from the people, 10 labour days
 *   and (h mod 4) × 5 trees;
 * - hamlets with h mod 3 = 0 meet every criterion of the sets given to `criteria`.
 */
export class LargeCity {
  readonly rootId = "tinh-thu";
  readonly units: Unit[] = [];
  readonly communeIds: string[] = [];
  readonly hamletIds: string[] = [];
  readonly weeks: WeekKey[] = [];
  private readonly perCommune: number;

  constructor(options: LargeCityOptions = {}) {
    const communes = options.communes ?? 40;
    const perCommune = options.hamletsPerCommune ?? 50;
    this.perCommune = perCommune;
    const first = options.firstWeek ?? "2026-W01";
    for (let w = 0; w < (options.weeks ?? 52); w++) this.weeks.push(addWeeks(first, w));
    this.units.push(unit(this.rootId, "city", "Tỉnh Thử Nghiệm"));
    for (let c = 0; c < communes; c++) {
      const communeId = `xa-${String(c + 1).padStart(2, "0")}`;
      const name = `Xã ${COMMUNE_FIRST[c % 10]} ${COMMUNE_SECOND[Math.floor(c / 10) % 4]}${c >= 40 ? ` ${Math.floor(c / 40) + 1}` : ""}`;
      this.communeIds.push(communeId);
      this.units.push(unit(communeId, "commune", name, this.rootId));
      for (let k = 0; k < perCommune; k++) {
        const hamletId = `${communeId}.xom-${String(k + 1).padStart(2, "0")}`;
        const hamletName = `Xóm ${HAMLET_WORDS[k % 10]} ${Math.floor(k / 10) + 1}`;
        this.hamletIds.push(hamletId);
        this.units.push(unit(hamletId, "hamlet", hamletName, communeId));
      }
    }
  }

  /** True when hamlet h reports in week w (indexes into `hamletIds` and `weeks`). */
  reports(h: number, w: number): boolean {
    return (7 * h + 3 * w + Math.floor(h / this.perCommune)) % 10 !== 0;
  }

  /** True when hamlet h's report of week w came late. */
  late(h: number, w: number): boolean {
    return (h + w) % 9 === 0;
  }

  /** The numbers hamlet h reports every week it reports. */
  values(h: number): Record<string, number> {
    return {
      roadConcretedM: 100,
      fundsPeopleMillionVnd: 2,
      labourDays: 10,
      treesPlanted: (h % 4) * 5,
    };
  }

  /** The report hamlet h filed for week w, if it reported. */
  report(h: number, w: number): HamletReport | undefined {
    const hamletId = this.hamletIds[h];
    const week = this.weeks[w];
    if (hamletId === undefined || week === undefined || !this.reports(h, w)) return undefined;
    return {
      id: reportId(hamletId, week),
      hamletId,
      week,
      receipt: `${week}-${h}`,
      authorId: `head-${hamletId}`,
      groups: ["roads", "contributions", "environment"],
      values: this.values(h),
      criteriaClaimed: [],
      photos: [],
      submittedAt: new Date(Date.UTC(2026, 0, 4 + 7 * w, 10)).toISOString(),
      late: this.late(h, w),
      review: "submitted",
      version: 0,
    };
  }

  /** Every report of every week. */
  allReports(): HamletReport[] {
    const reports: HamletReport[] = [];
    for (let w = 0; w < this.weeks.length; w++) {
      for (let h = 0; h < this.hamletIds.length; h++) {
        const report = this.report(h, w);
        if (report) reports.push(report);
      }
    }
    return reports;
  }

  /** Criteria met (since `since`) by every third hamlet, over the given hamlet sets. */
  criteria(sets: readonly CriteriaSet[], since: string): CriterionStatus[] {
    const statuses: CriterionStatus[] = [];
    this.hamletIds.forEach((unitId, h) => {
      if (h % 3 !== 0) return;
      for (const set of sets) {
        for (const criterion of set.criteria) {
          statuses.push({ unitId, criterionId: criterion.id, state: "met", since });
        }
      }
    });
    return statuses;
  }
}

function unit(id: string, kind: Unit["kind"], name: string, parent?: string): Unit {
  return { id, kind, name, source: "cli", active: true, ...(parent ? { parent } : {}) };
}
