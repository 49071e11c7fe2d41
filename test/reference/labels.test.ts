import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROLES } from "../../src/domain/role.js";
import { UNIT_KINDS } from "../../src/domain/unit.js";
import { createI18n, defaultLocalesDir, translatorFor } from "../../src/i18n.js";
import {
  criterionLabel,
  fieldUnitLabel,
  type LabelKind,
  labelKey,
  labelOf,
  organisationShortLabel,
  REFERENCE_NAMESPACE,
  unitLabel,
} from "../../src/reference/labels.js";
import { loadReferenceData } from "../../src/reference/loader.js";

const reference = loadReferenceData();
const i18n = createI18n("vi");
const vi = translatorFor(i18n, "vi");
const en = translatorFor(i18n, "en");

const TARGET_STATUSES = ["ntm", "model", "advanced-ntm", "model-ntm", "completed-ntm-task"];

/** Every label the reference data needs, with the data's Vietnamese text where it has one. */
function everyLabel(): Array<{ kind: LabelKind; id: string; vietnamese?: string }> {
  const fields = reference.reportFields.groups.flatMap((group) => group.fields);
  const statusesInData = [
    ...reference.campaigns.flatMap((campaign) => campaign.targets.map((target) => target.status)),
    ...reference.criteriaSets.flatMap((set) => (set.status ? [set.status] : [])),
  ];
  return [
    ...reference.units.map((u) => ({ kind: "unit" as const, id: u.id, vietnamese: u.name })),
    ...UNIT_KINDS.map((kind) => ({ kind: "unitKind" as const, id: kind })),
    ...reference.organisations.map((o) => ({ kind: "org" as const, id: o.id, vietnamese: o.name })),
    ...reference.organisations.flatMap((o) =>
      o.short ? [{ kind: "orgShort" as const, id: o.id, vietnamese: o.short }] : [],
    ),
    ...reference.criteriaSets.map((s) => ({
      kind: "criteriaSet" as const,
      id: s.id,
      vietnamese: s.name,
    })),
    ...reference.criteriaSets.flatMap((s) =>
      s.criteria.map((c) => ({ kind: "criterion" as const, id: c.id, vietnamese: c.name })),
    ),
    ...reference.reportFields.groups.map((g) => ({
      kind: "group" as const,
      id: g.id,
      vietnamese: g.label,
    })),
    ...fields.map((f) => ({ kind: "field" as const, id: f.id, vietnamese: f.label })),
    ...fields.map((f) => ({ kind: "fieldUnit" as const, id: f.unit, vietnamese: f.unit })),
    ...reference.reportFields.optional.map((o) => ({
      kind: "optional" as const,
      id: o.id,
      vietnamese: o.label,
    })),
    ...ROLES.map((role) => ({ kind: "role" as const, id: role })),
    ...reference.campaigns.map((c) => ({
      kind: "campaign" as const,
      id: c.id,
      vietnamese: c.name,
    })),
    ...[...new Set([...TARGET_STATUSES, ...statusesInData])].map((status) => ({
      kind: "targetStatus" as const,
      id: status,
    })),
  ];
}

/** The text a locale file itself holds for a label, without falling back to another language. */
function ownText(lng: "vi" | "en", kind: LabelKind, id: string): unknown {
  const key = labelKey(kind, id).slice(REFERENCE_NAMESPACE.length + 1);
  return i18n.getResource(lng, REFERENCE_NAMESPACE, key);
}

describe("the reference labels", () => {
  it("have a Vietnamese text equal to the data's name for every record", () => {
    const wrong = everyLabel()
      .filter(({ kind, id, vietnamese }) => {
        const text = ownText("vi", kind, id);
        return (
          typeof text !== "string" ||
          text === "" ||
          (vietnamese !== undefined && text !== vietnamese)
        );
      })
      .map(({ kind, id }) => `${kind}.${id}`);
    expect(wrong).toEqual([]);
  });

  it("have an English text of their own for every record", () => {
    const missing = everyLabel()
      .filter(({ kind, id }) => {
        const text = ownText("en", kind, id);
        return typeof text !== "string" || text.trim() === "";
      })
      .map(({ kind, id }) => `${kind}.${id}`);
    expect(missing).toEqual([]);
  });

  it("hold the same keys in both languages", () => {
    const keys = (lng: string) => {
      const file = join(defaultLocalesDir(), lng, `${REFERENCE_NAMESPACE}.json`);
      const flatten = (value: unknown, prefix: string): string[] =>
        typeof value === "object" && value !== null
          ? Object.entries(value).flatMap(([key, inner]) => flatten(inner, `${prefix}${key}.`))
          : [prefix.slice(0, -1)];
      return flatten(JSON.parse(readFileSync(file, "utf8")), "").sort();
    };
    expect(keys("en")).toEqual(keys("vi"));
  });

  it("translate a hamlet's kind word and keep its proper name", () => {
    const hamlet = { id: "hung-dao.nam-phong-2", name: "Xóm Nam Phong 2" };
    expect(unitLabel(vi, hamlet)).toBe("Xóm Nam Phong 2");
    expect(unitLabel(en, hamlet)).toBe("Nam Phong 2 hamlet");
    expect(unitLabel(en, { id: "hung-dao", name: "Xã Hưng Đạo" })).toBe("Hưng Đạo commune");
  });

  it("find criteria whose ids contain dashes and a slash", () => {
    expect(labelKey("criterion", "hamlet-ntm/giao-thong")).toBe(
      "reference:criterion.hamlet-ntm.giao-thong",
    );
    expect(en("reference:criterion.hamlet-ntm.giao-thong")).toBe("Transport");
    const criterion = { id: "hamlet-model/van-hoa-thong-tin", name: "Văn hóa - Thông tin" };
    expect(criterionLabel(vi, criterion)).toBe("Văn hóa - Thông tin");
    expect(criterionLabel(en, criterion)).toBe("Culture and information");
  });

  it("translate the units a head types amounts in", () => {
    expect(fieldUnitLabel(en, { unit: "triệu đồng" })).toBe("million VND");
    expect(fieldUnitLabel(en, { unit: "ngày công" })).toBe("workdays");
    expect(fieldUnitLabel(vi, { unit: "m²" })).toBe("m²");
  });
});

describe("labelOf", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("shows the data's own name for a record added to the data without a locale edit", () => {
    const hamlet = { id: "hung-dao.xom-moi", name: "Xóm Mới" };
    expect(unitLabel(en, hamlet)).toBe("Xóm Mới");
    expect(unitLabel(vi, hamlet)).toBe("Xóm Mới");
    expect(labelOf(en, "criterion", "hamlet-ntm/tieu-chi-moi", "Tiêu chí mới")).toBe(
      "Tiêu chí mới",
    );
    expect(labelOf(en, "fieldUnit", "tấn", "tấn")).toBe("tấn");
  });

  it("uses the Vietnamese label when only the English one is missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "chung-suc-locales-"));
    dirs.push(dir);
    for (const lng of ["vi", "en"]) mkdirSync(join(dir, lng));
    writeFileSync(
      join(dir, "vi", "reference.json"),
      JSON.stringify({ unit: { "hung-dao.xom-moi": "Xóm Mới (đã sửa)" } }),
    );
    writeFileSync(join(dir, "en", "reference.json"), JSON.stringify({ unit: {} }));
    const english = translatorFor(createI18n("en", dir), "en");
    expect(labelOf(english, "unit", "hung-dao.xom-moi", "Xóm Mới")).toBe("Xóm Mới (đã sửa)");
  });

  it("gives an organisation without a short name its full name", () => {
    const office = reference.organisations.find((org) => org.id === "phong-kinh-te");
    expect(office && organisationShortLabel(en, office)).toBe("Economic Office");
    const front = reference.organisations.find((org) => org.id === "mttq");
    expect(front && organisationShortLabel(vi, front)).toBe("MTTQ");
  });
});
