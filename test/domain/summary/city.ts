import type { Campaign, TargetRecognition } from "../../../src/domain/campaign.js";
import type { CriteriaSet, CriterionStatus } from "../../../src/domain/criteria.js";
import type { Period } from "../../../src/domain/period.js";
import type { HamletReport } from "../../../src/domain/report.js";
import type { ReportFields } from "../../../src/domain/report-fields.js";
import type { SummaryInput } from "../../../src/domain/summary/types.js";
import type { Unit } from "../../../src/domain/unit.js";
import { UnitTree } from "../../../src/domain/unit-tree.js";

/** The time zone every synthetic summary is compiled in. */
export const TZ = "Asia/Ho_Chi_Minh";

function unit(id: string, kind: Unit["kind"], name: string, extra: Partial<Unit> = {}): Unit {
  return { id, kind, name, source: "data", active: true, ...extra };
}

/**
 * A small city: An Bình (3 hamlets), Xuân Hòa (2 hamlets, merged into the ward Hòa Thuận on
 * 2025-07-01) and Tân Lập (2 hamlets, one of them new from Wednesday 2025-02-26).
 */
export const units: Unit[] = [
  unit("tp", "city", "Thành phố Thử"),
  unit("an-binh", "commune", "Xã An Bình", { parent: "tp" }),
  unit("xuan-hoa", "commune", "Xã Xuân Hòa", {
    parent: "tp",
    validTo: "2025-06-30",
    successor: "hoa-thuan",
  }),
  unit("hoa-thuan", "ward", "Phường Hòa Thuận", { parent: "tp", validFrom: "2025-07-01" }),
  unit("tan-lap", "commune", "Xã Tân Lập", { parent: "tp" }),
  unit("ab.ban-chang", "hamlet", "Xóm Bản Chang", { parent: "an-binh" }),
  unit("ab.coc-phuong", "hamlet", "Xóm Cốc Phường", { parent: "an-binh" }),
  unit("ab.da-quan", "hamlet", "Xóm Đà Quận", { parent: "an-binh" }),
  unit("xh.na-khoang", "hamlet", "Xóm Nà Khoang", { parent: "xuan-hoa" }),
  unit("xh.pac-po", "hamlet", "Xóm Pác Pó", { parent: "xuan-hoa" }),
  unit("tl.lung-vai", "hamlet", "Xóm Lũng Vài", { parent: "tan-lap" }),
  unit("tl.moi", "hamlet", "Xóm Mới", { parent: "tan-lap", validFrom: "2025-02-26" }),
];

/** The report's fields: a subset of the shipped ones, enough to total and convert. */
export const reportFields: ReportFields = {
  groups: [
    {
      id: "roads",
      label: "Đường giao thông",
      fields: [
        { id: "roadConcretedM", label: "Đường bê tông hóa mới", unit: "m", min: 0, max: 5000 },
      ],
    },
    {
      id: "contributions",
      label: "Đóng góp của nhân dân và xã hội hóa",
      fields: [
        {
          id: "fundsPeopleMillionVnd",
          label: "Nhân dân đóng góp",
          unit: "triệu đồng",
          min: 0,
          max: 2000,
        },
        { id: "labourDays", label: "Ngày công lao động", unit: "ngày công", min: 0, max: 5000 },
      ],
    },
    {
      id: "environment",
      label: "Môi trường, cảnh quan",
      fields: [
        { id: "treesPlanted", label: "Cây xanh trồng mới", unit: "cây", min: 0, max: 20000 },
      ],
    },
  ],
};

/** The plan: 2021–2025, targets for the city, An Bình, Xuân Hòa, and the hamlet shares. */
export const campaign: Campaign = {
  id: "ntm-test",
  name: "Chung sức xây dựng nông thôn mới 2021-2025",
  scope: "tp",
  from: "2021-01-01",
  to: "2025-12-31",
  active: true,
  communesInScope: ["an-binh", "xuan-hoa", "tan-lap"],
  targets: [
    { kind: "unit", unit: "tp", status: "completed-ntm-task", by: 2024, text: "TP hoàn thành" },
    { kind: "unit", unit: "an-binh", status: "advanced-ntm", by: 2024, text: "An Bình nâng cao" },
    { kind: "unit", unit: "xuan-hoa", status: "model-ntm", by: 2025, text: "Xuân Hòa kiểu mẫu" },
    { kind: "share", unitKind: "hamlet", status: "ntm", share: 1, by: 2025, text: "100% xóm NTM" },
    { kind: "share", unitKind: "hamlet", status: "model", share: 0.5, by: 2025, text: "50% mẫu" },
  ],
};

/** Hamlet criteria sets, shortened: NTM has three criteria, model two more and requires NTM. */
export const criteriaSets: CriteriaSet[] = [
  {
    id: "hamlet-ntm",
    level: "hamlet",
    status: "ntm",
    active: true,
    criteria: [
      { id: "hamlet-ntm/giao-thong", no: 1, name: "Giao thông" },
      { id: "hamlet-ntm/dien", no: 2, name: "Điện" },
      { id: "hamlet-ntm/van-hoa", no: 3, name: "Văn hóa" },
    ],
  },
  {
    id: "hamlet-model",
    level: "hamlet",
    status: "model",
    requires: "hamlet-ntm",
    active: true,
    criteria: [
      { id: "hamlet-model/san-xuat", no: 1, name: "Sản xuất" },
      { id: "hamlet-model/mo-hinh-noi-bat", no: 2, name: "Mô hình nổi bật" },
    ],
  },
];

const NTM = ["hamlet-ntm/giao-thong", "hamlet-ntm/dien", "hamlet-ntm/van-hoa"];
const MODEL = ["hamlet-model/san-xuat", "hamlet-model/mo-hinh-noi-bat"];

function statuses(
  unitId: string,
  ids: string[],
  since: string,
  state: CriterionStatus["state"] = "met",
): CriterionStatus[] {
  return ids.map((criterionId) => ({ unitId, criterionId, state, since }));
}

/**
 * Criteria as confirmed: Bản Chang meets NTM, then model from 2025-02-25 (week 9);
 * Cốc Phường NTM with one model criterion only claimed; Đà Quận one NTM criterion claimed;
 * Nà Khoang NTM and model; Pác Pó the model criteria but not NTM; Lũng Vài met NTM until one
 * criterion fell back to unmet in January 2025; Xóm Mới nothing.
 */
export const criteria: CriterionStatus[] = [
  ...statuses("ab.ban-chang", NTM, "2024-06-01"),
  ...statuses("ab.ban-chang", MODEL, "2025-02-25"),
  ...statuses("ab.coc-phuong", NTM, "2024-06-01"),
  ...statuses("ab.coc-phuong", [MODEL[0] ?? ""], "2024-06-01"),
  ...statuses("ab.coc-phuong", [MODEL[1] ?? ""], "2024-06-01", "claimed"),
  ...statuses("ab.da-quan", NTM.slice(0, 2), "2024-06-01"),
  ...statuses("ab.da-quan", NTM.slice(2), "2025-02-20", "claimed"),
  ...statuses("xh.na-khoang", [...NTM, ...MODEL], "2023-05-01"),
  ...statuses("xh.pac-po", MODEL, "2024-01-01"),
  ...statuses("tl.lung-vai", NTM, "2024-03-01"),
  ...statuses("tl.lung-vai", NTM.slice(2), "2025-01-10", "unmet"),
];

/** An Bình was recognised as advanced NTM on 15 October 2024; nothing else was. */
export const recognitions: TargetRecognition[] = [
  { unitId: "an-binh", status: "advanced-ntm", date: "2024-10-15", recordedAt: "2024-10-16" },
];

let receipt = 0;

/** A stored report, counted and on time unless told otherwise. */
export function report(
  hamletId: string,
  week: string,
  values: Record<string, number>,
  extra: Partial<HamletReport> = {},
): HamletReport {
  receipt++;
  return {
    id: `${hamletId}@${week}`,
    hamletId,
    week,
    receipt: `${week}-${receipt}`,
    authorId: `head-${hamletId}`,
    groups: [],
    values,
    criteriaClaimed: [],
    photos: [],
    submittedAt: "2025-01-01T00:00:00.000Z",
    late: false,
    review: "submitted",
    version: 0,
    ...extra,
  };
}

/**
 * Reports: one from 2020 (before the campaign), weeks 7 to 10 of 2025, and week 30 of 2025
 * (after the merger). In week 9: Bản Chang on time (filed twice; the second replaces the
 * first), Cốc Phường late, Đà Quận returned, Nà Khoang and Lũng Vài and Xóm Mới on time,
 * Pác Pó missing.
 */
export const reports: HamletReport[] = [
  report("ab.ban-chang", "2020-W50", { roadConcretedM: 777 }),
  report("ab.ban-chang", "2025-W07", { roadConcretedM: 300, fundsPeopleMillionVnd: 5 }),
  report("ab.coc-phuong", "2025-W07", { treesPlanted: 40 }),
  report("xh.pac-po", "2025-W07", { labourDays: 10 }, { late: true }),
  report("ab.ban-chang", "2025-W08", { roadConcretedM: 1100 }),
  report("ab.coc-phuong", "2025-W08", { fundsPeopleMillionVnd: 4 }),
  report("ab.da-quan", "2025-W08", { treesPlanted: 60 }),
  report("xh.na-khoang", "2025-W08", { labourDays: 30 }, { late: true }),
  report("xh.pac-po", "2025-W08", { labourDays: 15 }),
  report("ab.ban-chang", "2025-W09", { roadConcretedM: 10 }),
  report(
    "ab.ban-chang",
    "2025-W09",
    { roadConcretedM: 1500, fundsPeopleMillionVnd: 20.5, treesPlanted: 100 },
    {
      version: 1,
      submittedAt: "2025-03-01T09:00:00.000Z",
      difficulties: "Thiếu xi măng cho đoạn đường Nà Rị",
      goodDeed: { text: "Ông Nông Văn Thắng hiến 200 m² đất làm đường", consent: true },
    },
  ),
  report(
    "ab.coc-phuong",
    "2025-W09",
    { roadConcretedM: 900, fundsPeopleMillionVnd: 16 },
    { late: true },
  ),
  report("ab.da-quan", "2025-W09", { roadConcretedM: 5000 }, { review: "returned" }),
  report("xh.na-khoang", "2025-W09", { labourDays: 120 }, { difficulties: "Mưa lớn, sạt taluy" }),
  report("tl.lung-vai", "2025-W09", { fundsPeopleMillionVnd: 1000 }),
  report("tl.moi", "2025-W09", { treesPlanted: 25 }, { review: "accepted" }),
  report("ab.ban-chang", "2025-W10", { roadConcretedM: 200 }),
  report("xh.na-khoang", "2025-W30", { roadConcretedM: 400 }),
];

/** Wednesday 5 March 2025, 10:00 in Hanoi: week 10 is under way, week 9 has closed. */
export const NOW = new Date("2025-03-05T03:00:00.000Z");

/** A summary input over the synthetic city; override what a test varies. */
export function cityInput(
  area: string,
  period: Period,
  extra: Partial<SummaryInput> = {},
): SummaryInput {
  return {
    area,
    period,
    tree: new UnitTree(units),
    reports,
    criteria,
    criteriaSets,
    campaigns: [campaign],
    recognitions,
    reportFields,
    now: NOW,
    timeZone: TZ,
    ...extra,
  };
}

/**
 * A demo-like week 9 of 2025 across the city: Bản Chang reports late but newly meets the two
 * model criteria (confirmed on 25 February); Lũng Vài's residents give 30 million đồng over
 * 60 households; Nà Khoang has a model story published; Cốc Phường and Xóm Mới only report on
 * time (Xóm Mới gives 30 million đồng too, but has no household count); Đà Quận reports late
 * with nothing; Pác Pó does not report.
 */
export function demoWeek(extra: Partial<SummaryInput> = {}): SummaryInput {
  const late = { late: true };
  const reports: HamletReport[] = [
    report("ab.ban-chang", "2025-W09", {}, late),
    report("ab.coc-phuong", "2025-W09", {}),
    report("ab.da-quan", "2025-W09", {}, late),
    report("xh.na-khoang", "2025-W09", {}),
    report("tl.lung-vai", "2025-W09", { fundsPeopleMillionVnd: 30 }),
    report("tl.moi", "2025-W09", { fundsPeopleMillionVnd: 30 }),
  ];
  const withHouseholds = units.map((unit) =>
    unit.id === "tl.lung-vai" ? { ...unit, households: 60 } : unit,
  );
  return cityInput(
    "tp",
    { kind: "week", week: "2025-W09" },
    {
      reports,
      tree: new UnitTree(withHouseholds),
      publishedStories: [
        { unitId: "xh.na-khoang", publishedAt: "2025-02-27T02:00:00.000Z" },
        // Published the week before: not this week's result.
        { unitId: "ab.da-quan", publishedAt: "2025-02-20T02:00:00.000Z" },
      ],
      ...extra,
    },
  );
}
