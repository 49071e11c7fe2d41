import { describe, expect, it } from "vitest";
import { topUnitsOn, type Unit } from "../../src/domain/unit.js";

const unit = (u: Partial<Unit> & Pick<Unit, "id" | "kind" | "name">): Unit => ({
  source: "data",
  active: true,
  ...u,
});

describe("the area a text names, at the top of the unit tree on a date", () => {
  // A deployment whose top unit ended: a city that was the top until its province was loaded.
  const units = [
    unit({ id: "old-city", kind: "city", name: "Thành phố Cũ", validTo: "2025-06-30" }),
    unit({ id: "province", kind: "province", name: "Tỉnh Mới", validFrom: "2025-07-01" }),
    unit({
      id: "ward",
      kind: "ward",
      name: "Phường A",
      parent: "province",
      validFrom: "2025-07-01",
    }),
    unit({
      id: "hamlet",
      kind: "hamlet",
      name: "Xóm B",
      parent: "ward",
      parents: [{ parent: "old-city", to: "2025-06-30" }],
    }),
  ];

  it("is the unit in force on the day, not one that has ended", () => {
    expect(topUnitsOn(units, "2026-12-02").map((u) => u.id)).toEqual(["province"]);
    expect(topUnitsOn(units, "2025-06-30").map((u) => u.id)).toEqual(["old-city"]);
  });
});
