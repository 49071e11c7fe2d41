import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UnitTree } from "../../src/domain/unit-tree.js";
import {
  defaultDataDir,
  loadReferenceData,
  ReferenceDataError,
} from "../../src/reference/loader.js";
import { HAMLET_NTM_CRITERIA } from "../support/criteria.js";

// The ids the shared plan material gives; a data edit that drops one would orphan history.
const EXPECTED_UNIT_IDS = [
  "tinh-cao-bang",
  "cao-bang",
  "hung-dao",
  "vinh-quang",
  "chu-trinh",
  "song-hien",
  "song-bang",
  "hop-giang",
  "tan-giang-cu",
  "ngoc-xuan",
  "de-tham",
  "hoa-chung",
  "duyet-trung",
  "hung-dao.pho-cao-binh",
  "hung-dao.da-quan",
  "hung-dao.dong-chup",
  "hung-dao.hong-quang-1",
  "hung-dao.hong-quang-2",
  "hung-dao.ngoc-quyen",
  "hung-dao.nam-phong-1",
  "hung-dao.nam-phong-2",
  "hung-dao.nam-phong-3",
  "thuc-phan",
  "nung-tri-cao",
  "tan-giang",
];
const EXPECTED_ORGANISATION_IDS = [
  "mttq",
  "hoi-nong-dan",
  "hoi-phu-nu",
  "doan-thanh-nien",
  "hoi-cuu-chien-binh",
  "phong-kinh-te",
  "phong-noi-vu",
  "trung-tam-vhtt",
  "ubnd",
];
const EXPECTED_CRITERIA: Record<string, string[]> = {
  "commune-ntm-2021-2025": [
    "quy-hoach",
    "giao-thong",
    "thuy-loi",
    "dien",
    "truong-hoc",
    "co-so-vat-chat-van-hoa",
    "ha-tang-thuong-mai",
    "thong-tin-truyen-thong",
    "nha-o",
    "thu-nhap",
    "ngheo-da-chieu",
    "lao-dong",
    "to-chuc-san-xuat",
    "giao-duc",
    "y-te",
    "van-hoa",
    "moi-truong",
    "he-thong-chinh-tri",
    "quoc-phong-an-ninh",
  ],
  "hamlet-ntm": [...HAMLET_NTM_CRITERIA],
  "hamlet-model": [
    "giao-thong",
    "dien",
    "nha-o",
    "van-hoa-thong-tin",
    "san-xuat",
    "lao-dong",
    "thu-nhap",
    "ngheo-da-chieu",
    "giao-duc",
    "y-te",
    "tiep-can-phap-luat",
    "moi-truong",
    "mo-hinh-noi-bat",
  ],
};
const EXPECTED_GROUPS: Record<string, string[]> = {
  roads: ["roadConcretedM", "roadRepairedM"],
  irrigation: ["canalM"],
  contributions: ["fundsPeopleMillionVnd", "fundsSponsorMillionVnd", "labourDays", "landDonatedM2"],
  housing: ["housesRepaired"],
  environment: ["treesPlanted", "cleanupSessions", "roadsideFlowersM"],
  propaganda: ["meetings", "attendees"],
  production: ["newModels"],
  lighting: ["streetLightingM"],
  "cultural-house": ["culturalHouseSessions"],
  "five-no-three-clean": ["fiveNoThreeCleanHouseholds"],
};

describe("the shipped reference data", () => {
  const reference = loadReferenceData();

  it("keeps every unit id of the plan, including the three wards formed in 2025", () => {
    expect(reference.units.map((unit) => unit.id)).toEqual(EXPECTED_UNIT_IDS);
    const successors = reference.units.filter((unit) => unit.validFrom === "2025-07-01");
    expect(successors.map((unit) => [unit.id, unit.kind, unit.parent])).toEqual([
      ["thuc-phan", "ward", "tinh-cao-bang"],
      ["nung-tri-cao", "ward", "tinh-cao-bang"],
      ["tan-giang", "ward", "tinh-cao-bang"],
    ]);
    expect(reference.units.find((unit) => unit.id === "cao-bang")?.validTo).toBe("2025-06-30");
  });

  it("keeps the Vietnamese names exactly", () => {
    const names = new Map(reference.units.map((unit) => [unit.id, unit.name]));
    expect(names.get("hung-dao.nam-phong-2")).toBe("Xóm Nam Phong 2");
    expect(names.get("nung-tri-cao")).toBe("Phường Nùng Trí Cao");
    expect(reference.organisations.find((org) => org.id === "hoi-phu-nu")?.name).toBe(
      "Hội Liên hiệp Phụ nữ",
    );
  });

  it("marks every record as shipped data and active", () => {
    const records = [
      ...reference.units,
      ...reference.organisations,
      ...reference.criteriaSets,
      ...reference.campaigns,
    ];
    for (const record of records) expect(record.active).toBe(true);
    for (const record of [...reference.units, ...reference.organisations]) {
      expect(record.source).toBe("data");
    }
  });

  it("lets an official of a merged ward reach the old commune's hamlets", () => {
    const tree = new UnitTree(reference.units);
    expect(tree.covers("thuc-phan", "hung-dao.nam-phong-2")).toBe(true);
    expect(tree.covers("tan-giang", "hung-dao.nam-phong-2")).toBe(false);
    expect(tree.hamletsUnder("cao-bang")).toHaveLength(9);
  });

  it("moves the former Hưng Đạo hamlets to phường Thục Phán on 1 July 2025", () => {
    const tree = new UnitTree(reference.units);
    expect(tree.communeOf("hung-dao.nam-phong-2", "2025-06-30")?.id).toBe("hung-dao");
    expect(tree.communeOf("hung-dao.nam-phong-2", "2025-07-01")?.id).toBe("thuc-phan");
    expect(tree.communeOf("hung-dao.nam-phong-2")?.id).toBe("thuc-phan");
    expect(tree.get("thuc-phan")?.parent).toBe("tinh-cao-bang");
    expect(tree.covers("tinh-cao-bang", "hung-dao.nam-phong-2")).toBe(true);
    expect(tree.covers("hung-dao", "hung-dao.nam-phong-2")).toBe(true);
  });

  it("keeps every organisation, with mass organisations marked", () => {
    expect(reference.organisations.map((org) => org.id)).toEqual(EXPECTED_ORGANISATION_IDS);
    expect(reference.organisations.filter((org) => org.massOrg).map((org) => org.id)).toEqual(
      EXPECTED_ORGANISATION_IDS.slice(0, 5),
    );
  });

  it("qualifies every criterion id by its set", () => {
    expect(reference.criteriaSets.map((set) => set.id)).toEqual(Object.keys(EXPECTED_CRITERIA));
    for (const set of reference.criteriaSets) {
      const expected = (EXPECTED_CRITERIA[set.id] ?? []).map((id) => `${set.id}/${id}`);
      expect(set.criteria.map((criterion) => criterion.id)).toEqual(expected);
      expect(set.criteria.map((criterion) => criterion.no)).toEqual(expected.map((_, i) => i + 1));
    }
    expect(reference.criteriaSets.find((set) => set.id === "hamlet-model")?.requires).toBe(
      "hamlet-ntm",
    );
  });

  it("ships the 2021-2025 campaign with its targets in the domain's shape", () => {
    expect(reference.campaigns).toHaveLength(1);
    const campaign = reference.campaigns[0];
    expect(campaign).toMatchObject({
      id: "ntm-2021-2025",
      scope: "cao-bang",
      from: "2021-01-01",
      to: "2025-12-31",
      communesInScope: ["hung-dao", "vinh-quang", "chu-trinh"],
    });
    expect(campaign?.targets).toEqual([
      expect.objectContaining({
        kind: "unit",
        unit: "cao-bang",
        status: "completed-ntm-task",
        by: 2024,
      }),
      expect.objectContaining({ kind: "unit", unit: "hung-dao", status: "advanced-ntm", by: 2024 }),
      expect.objectContaining({
        kind: "unit",
        unit: "vinh-quang",
        status: "advanced-ntm",
        by: 2025,
      }),
      expect.objectContaining({ kind: "unit", unit: "hung-dao", status: "model-ntm", by: 2025 }),
      expect.objectContaining({ kind: "share", unitKind: "hamlet", status: "ntm", share: 1 }),
      expect.objectContaining({ kind: "share", unitKind: "hamlet", status: "model", share: 0.5 }),
    ]);
    expect(campaign).not.toHaveProperty("about");
  });

  it("keeps the report's groups and fields, and the closing menu's ids", () => {
    const groups = Object.fromEntries(
      reference.reportFields.groups.map((group) => [group.id, group.fields.map((f) => f.id)]),
    );
    expect(groups).toEqual(EXPECTED_GROUPS);
    const roads = reference.reportFields.groups[0]?.fields[0];
    expect(roads).toEqual({
      id: "roadConcretedM",
      label: "Đường bê tông hóa mới",
      unit: "m",
      min: 0,
      max: 5000,
    });
    expect(reference.reportFields.optional.map((item) => item.id)).toEqual([
      "criteriaNewlyMet",
      "goodDeed",
      "difficulties",
      "photos",
    ]);
  });
});

describe("a broken copy of the data", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function copyOfData(): string {
    const dir = mkdtempSync(join(tmpdir(), "chung-suc-data-"));
    dirs.push(dir);
    cpSync(defaultDataDir(), dir, { recursive: true });
    return dir;
  }

  function edit(dir: string, file: string, change: (json: Record<string, unknown[]>) => void) {
    const path = join(dir, file);
    const json = JSON.parse(readFileSync(path, "utf8"));
    change(json);
    writeFileSync(path, JSON.stringify(json));
  }

  function loadError(dir: string): ReferenceDataError {
    try {
      loadReferenceData(dir);
    } catch (error) {
      if (error instanceof ReferenceDataError) return error;
      throw error;
    }
    throw new Error("the broken data loaded without error");
  }

  it("names the file and path of a unit whose parent does not exist", () => {
    const dir = copyOfData();
    edit(dir, "units.json", (json) => {
      json.units?.push({
        id: "hung-dao.xom-moi",
        kind: "hamlet",
        name: "Xóm Mới",
        parent: "hung-dao-x",
      });
    });
    const error = loadError(dir);
    expect(error.problems).toEqual([
      'units.json: units[25].parent: unit "hung-dao.xom-moi" names parent "hung-dao-x", which does not exist',
    ]);
    expect(error.message).toContain(dir);
  });

  it("names the file and path of a malformed report field", () => {
    const dir = copyOfData();
    edit(dir, "report-fields.json", (json) => {
      const group = json.groups?.[1] as { fields: Array<Record<string, unknown>> };
      (group.fields[0] as Record<string, unknown>).max = "3000";
    });
    const [problem] = loadError(dir).problems;
    expect(problem).toMatch(/^report-fields\.json: groups\[1\]\.fields\[0\]\.max: /);
  });

  it("reports a misspelt key instead of ignoring it", () => {
    const dir = copyOfData();
    edit(dir, "organisations.json", (json) => {
      const org = json.organisations?.[2] as Record<string, unknown>;
      org.shrot = org.short;
      delete org.short;
    });
    const [problem] = loadError(dir).problems;
    expect(problem).toMatch(/^organisations\.json: organisations\[2\]: .*shrot/);
  });

  it("rejects a criterion id not qualified by its set", () => {
    const dir = copyOfData();
    edit(dir, "criteria.json", (json) => {
      const set = json.sets?.[1] as { criteria: Array<{ id: string }> };
      (set.criteria[0] as { id: string }).id = "giao-thong";
    });
    expect(loadError(dir).problems[0]).toMatch(/^criteria\.json: sets\[1\]\.criteria\[0\]\.id: /);
  });

  it("names a campaign file whose target names an unknown unit", () => {
    const dir = copyOfData();
    edit(dir, "campaigns/ntm-2021-2025.json", (json) => {
      (json.targets?.[2] as { unit: string }).unit = "vinh-quag";
    });
    expect(loadError(dir).problems).toEqual([
      'campaigns/ntm-2021-2025.json: targets[2].unit: unit "vinh-quag" does not exist',
    ]);
  });

  it("lists problems in every file at once", () => {
    const dir = copyOfData();
    writeFileSync(join(dir, "organisations.json"), "{ not json");
    unlinkSync(join(dir, "criteria.json"));
    const problems = loadError(dir).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^organisations\.json: /);
    expect(problems[1]).toMatch(/^criteria\.json: .*ENOENT/);
  });

  it("loads a second campaign added as a new file", () => {
    const dir = copyOfData();
    const campaign = {
      id: "ntm-2026-2030",
      name: "Xây dựng nông thôn mới 2026-2030",
      scope: "cao-bang",
      from: "2026-01-01",
      to: "2030-12-31",
      targets: [
        { kind: "unit", unit: "thuc-phan", status: "ntm", by: 2027, text: "Phường Thục Phán" },
      ],
      communesInScope: ["thuc-phan"],
    };
    writeFileSync(join(dir, "campaigns", "ntm-2026-2030.json"), JSON.stringify(campaign));
    const ids = loadReferenceData(dir).campaigns.map((c) => c.id);
    expect(ids).toEqual(["ntm-2021-2025", "ntm-2026-2030"]);
  });

  it("requires a campaign file to be named after its id", () => {
    const dir = copyOfData();
    cpSync(join(dir, "campaigns", "ntm-2021-2025.json"), join(dir, "campaigns", "copy.json"));
    expect(loadError(dir).problems).toEqual([
      'campaigns/copy.json: id: "ntm-2021-2025" must match the file name (campaigns/ntm-2021-2025.json)',
    ]);
  });
});
