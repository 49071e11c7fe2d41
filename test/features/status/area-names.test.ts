import { describe, expect, it } from "vitest";
import type { Unit } from "../../../src/domain/unit.js";
import { UnitTree } from "../../../src/domain/unit-tree.js";
import { findArea, nameKey } from "../../../src/features/status/area-names.js";
import { readStatusChoice, statusChoiceData } from "../../../src/features/status/status-choices.js";

function unit(id: string, kind: Unit["kind"], name: string, extra: Partial<Unit> = {}): Unit {
  return { id, kind, name, source: "data", active: true, ...extra };
}

const tree = new UnitTree([
  unit("cao-bang", "city", "Thành phố Cao Bằng"),
  unit("hung-dao", "commune", "Xã Hưng Đạo", {
    parent: "cao-bang",
    validTo: "2025-06-30",
    successor: "thuc-phan",
  }),
  unit("thuc-phan", "ward", "Phường Thục Phán", { parent: "cao-bang", validFrom: "2025-07-01" }),
  unit("tan-giang-cu", "ward", "Phường Tân Giang", {
    parent: "cao-bang",
    validTo: "2025-06-30",
    successor: "tan-giang",
  }),
  unit("tan-giang", "ward", "Phường Tân Giang", { parent: "cao-bang", validFrom: "2025-07-01" }),
  unit("hung-dao.ban-chang", "hamlet", "Xóm Bản Chang", { parent: "hung-dao" }),
  unit("hung-dao.na-ri", "hamlet", "Xóm Nà Rị", { parent: "hung-dao" }),
  unit("tan-giang.na-ri", "hamlet", "Xóm Nà Rị", { parent: "tan-giang" }),
]);
const TODAY = "2026-11-25";
const everything = { today: TODAY, visible: () => true };

describe("finding the area an official names", () => {
  it("reads a name with or without diacritics, kind or capitals, and an id", () => {
    for (const typed of ["hung dao", "Hưng Đạo", "xa hung dao", "XÃ HƯNG ĐẠO", "hung-dao"]) {
      const found = findArea(typed, tree, everything);
      expect(found.kind === "found" && found.unit.id, typed).toBe("hung-dao");
    }
    const banChang = findArea("ban chang", tree, everything);
    expect(banChang.kind === "found" && banChang.unit.id).toBe("hung-dao.ban-chang");
    expect(nameKey("Phường Tân Giang")).toEqual({ key: "tan giang", kind: "ward" });
  });

  it("prefers the unit that exists today over the one merged away under the same name", () => {
    const found = findArea("tan giang", tree, everything);
    expect(found.kind === "found" && found.unit.id).toBe("tan-giang");
  });

  it("prefers the namesake the official may see, and asks when both are theirs", () => {
    const mine = findArea("na ri", tree, {
      today: TODAY,
      visible: (id) => id.startsWith("hung-dao"),
    });
    expect(mine.kind === "found" && mine.unit.id).toBe("hung-dao.na-ri");
    const both = findArea("na ri", tree, everything);
    expect(both.kind === "ambiguous" && both.units.map((u) => u.id).sort()).toEqual([
      "hung-dao.na-ri",
      "tan-giang.na-ri",
    ]);
  });

  it("suggests close names among the units the official may see", () => {
    const typo = findArea("hung dau", tree, everything);
    expect(typo.kind === "unknown" && typo.suggestions.map((u) => u.id)).toContain("hung-dao");
    const hidden = findArea("hung dau", tree, {
      today: TODAY,
      visible: (id) => id === "tan-giang",
    });
    expect(hidden).toEqual({ kind: "unknown", suggestions: [] });
  });
});

describe("/status button data", () => {
  it("round-trips and stays within Telegram's 64 bytes, even for a long unit id", () => {
    const long = "mot-phuong-co-ten-rat-dai.xom-co-ten-con-dai-hon-nua-o-tren-nui";
    const longTree = new UnitTree([unit(long, "hamlet", "Xóm Dài")]);
    const data = statusChoiceData("sheet", long, "2026-W48");
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(readStatusChoice(data, longTree)).toEqual({
      action: "sheet",
      unitId: long,
      week: "2026-W48",
    });
    expect(readStatusChoice(statusChoiceData("parts", "hung-dao", "2026-W01"), tree)).toEqual({
      action: "parts",
      unitId: "hung-dao",
      week: "2026-W01",
    });
  });
});
