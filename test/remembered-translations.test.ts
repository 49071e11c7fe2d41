import { describe, expect, it } from "vitest";
import { createI18n } from "../src/i18n.js";

const i18n = createI18n("vi");

/** Every key of a namespace of the shipped locale, as `ns:path.to.key`. */
function keysOf(ns: string, tree: unknown, prefix = ""): string[] {
  if (typeof tree !== "object" || tree === null) return [`${ns}:${prefix}`];
  return Object.entries(tree).flatMap(([name, value]) =>
    keysOf(ns, value, prefix ? `${prefix}.${name}` : name),
  );
}

describe("translators remember what they translated", () => {
  it("give, asked twice, the same text i18next gives, in both languages, with and without parameters", () => {
    for (const locale of ["vi", "en"] as const) {
      const t = i18n.getFixedT(locale);
      const bundles = ["common", "report", "dialog", "status", "reference"];
      const keys = bundles.flatMap((ns) => keysOf(ns, i18n.getResourceBundle(locale, ns) ?? {}));
      expect(keys.length).toBeGreaterThan(100);
      const params = [
        undefined,
        { count: 1, week: "Tuần 48", hamlet: "Xóm Nam Phong 2", mark: " ✓", max: 5 },
        { count: 7, week: "Tuần 49", hamlet: "Xóm Đà Quận", mark: "", max: 1000 },
        { defaultValue: "một nhãn của dữ liệu" },
      ];
      for (const key of keys) {
        for (const options of params) {
          const expected = i18n.t(key, { ...options, lng: locale });
          expect(t(key, options)).toBe(expected);
          expect(t(key, options)).toBe(expected);
        }
      }
      expect(t("reference:unit.khong-co", { defaultValue: "Xóm Mới" })).toBe("Xóm Mới");
      expect(t("reference:unit.khong-co", { defaultValue: "Xóm Cũ" })).toBe("Xóm Cũ");
    }
  });

  it("are one per language, so what was translated for one message serves the next", () => {
    expect(i18n.getFixedT("vi")).toBe(i18n.getFixedT("vi"));
    expect(i18n.getFixedT("en")).not.toBe(i18n.getFixedT("vi"));
  });
});
