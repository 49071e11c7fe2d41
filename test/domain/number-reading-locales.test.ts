import { describe, expect, it } from "vitest";
import {
  EXAMPLE_KEYS,
  REFUSAL_KEYS,
  type RefusalReason,
  readFieldAnswer,
} from "../../src/domain/number-reading.js";
import { fieldUnitOf } from "../../src/domain/quantity-units.js";
import type { ReportField } from "../../src/domain/report-fields.js";
import { createI18n, translatorFor } from "../../src/i18n.js";

// The shipped fields' units and bounds (a copy of data/report-fields.json's numeric fields).
const SHIPPED: ReportField[] = [
  ["roadConcretedM", "m", 5000],
  ["canalM", "m", 3000],
  ["fundsPeopleMillionVnd", "triệu đồng", 2000],
  ["labourDays", "ngày công", 5000],
  ["landDonatedM2", "m²", 20000],
  ["housesRepaired", "nhà", 50],
  ["treesPlanted", "cây", 20000],
  ["cleanupSessions", "buổi", 14],
  ["attendees", "lượt", 3000],
  ["newModels", "mô hình", 10],
  ["fiveNoThreeCleanHouseholds", "hộ", 200],
  ["streetLightingM", "m", 5000],
  ["culturalHouseSessions", "buổi", 14],
  ["roadsideFlowersM", "m", 5000],
].map(([id, unit, max]) => ({
  id: String(id),
  label: String(id),
  unit: String(unit),
  min: 0,
  max: Number(max),
}));

const i18n = createI18n("vi");
const LANGUAGES = ["vi", "en"] as const;

function resource(lng: string, key: string): unknown {
  return i18n.getResource(lng, "parse", key.replace(/^parse:/, ""));
}

/** Answers that draw every kind of refusal from a field. */
function refusalsFor(target: ReportField): RefusalReason[] {
  const wrongUnit = fieldUnitOf(target.unit).kind === "money" ? "2 sào" : "2 triệu";
  const answers = ["nhiều", "200-300", "-5", "1,500", wrongUnit, "99999999", "1,5"];
  const reasons: RefusalReason[] = [];
  for (const answer of answers) {
    const reading = readFieldAnswer(answer, target);
    if (reading.kind === "refused") reasons.push(reading.reason);
  }
  return reasons;
}

describe("refusal texts in both languages", () => {
  it("has every refusal key and example the reader can return, in Vietnamese and English", () => {
    for (const lng of LANGUAGES) {
      for (const key of REFUSAL_KEYS)
        expect(resource(lng, key), `${lng} ${key}`).toBeTypeOf("string");
      for (const kind of EXAMPLE_KEYS)
        expect(resource(lng, `example.${kind}`), `${lng} ${kind}`).toBeTypeOf("string");
    }
  });

  it("names every shipped field's unit in English", () => {
    for (const target of SHIPPED) {
      const { unitKey } = fieldUnitOf(target.unit);
      expect(resource("en", `unitName.${unitKey}`), target.unit).toBeTypeOf("string");
    }
    expect(resource("en", "unitName.item")).toBeTypeOf("string");
  });

  it("returns only listed keys, and every text comes out complete for every shipped field", () => {
    for (const target of SHIPPED) {
      const reasons = refusalsFor(target);
      expect(reasons.length).toBeGreaterThanOrEqual(5);
      for (const reason of reasons) {
        expect(REFUSAL_KEYS).toContain(reason.key);
        for (const lng of LANGUAGES) {
          const text = translatorFor(i18n, lng)(reason.key, reason.params);
          expect(text, `${lng} ${reason.key}`).not.toMatch(
            /\{\{|\$t\(|parse:|refusal\.|unitName\.|example\./,
          );
          expect(text.length).toBeGreaterThan(30);
        }
      }
    }
  });

  it("explains an unreadable road length as in the agreed conversation", () => {
    const reading = readFieldAnswer("nhiều", SHIPPED[0] as ReportField);
    if (reading.kind !== "refused") throw new Error("expected a refusal");
    expect(translatorFor(i18n, "vi")(reading.reason.key, reading.reason.params)).toBe(
      "Tôi chưa hiểu số này. Anh/chị gõ một con số, ví dụ 350 (mét) hoặc 1,2 km. Không có thì gõ 0.",
    );
    expect(translatorFor(i18n, "en")(reading.reason.key, reading.reason.params)).toContain(
      "1.2 km",
    );
  });

  it("names the limit in the reader's number format when a number is too large", () => {
    const reading = readFieldAnswer("6 km", SHIPPED[0] as ReportField);
    if (reading.kind !== "refused") throw new Error("expected a refusal");
    const vi = translatorFor(i18n, "vi")(reading.reason.key, reading.reason.params);
    const en = translatorFor(i18n, "en")(reading.reason.key, reading.reason.params);
    expect(vi).toContain("6.000 m");
    expect(vi).toContain("5.000 m");
    expect(en).toContain("6,000 m");
    expect(en).toContain("5,000 m");
  });

  it("shows both readings of an ambiguous comma", () => {
    const reading = readFieldAnswer("1,500", SHIPPED[0] as ReportField);
    if (reading.kind !== "refused") throw new Error("expected a refusal");
    const vi = translatorFor(i18n, "vi")(reading.reason.key, reading.reason.params);
    expect(vi).toContain("1,5 hay 1.500");
  });

  it("says which unit a money field wants, in English words", () => {
    const reading = readFieldAnswer("1 ha", SHIPPED[2] as ReportField);
    if (reading.kind !== "refused") throw new Error("expected a refusal");
    const en = translatorFor(i18n, "en")(reading.reason.key, reading.reason.params);
    expect(en).toContain("million đồng");
    expect(en).toContain("“ha”");
  });
});
