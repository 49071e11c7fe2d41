import { describe, expect, it } from "vitest";
import type { FieldTotal } from "../../src/domain/summary/types.js";
import { createI18n } from "../../src/i18n.js";
import { headlineText, headlineTotals } from "../../src/render/summary-lines.js";

function total(fieldId: string, groupId: string, value: number): FieldTotal {
  return { fieldId, groupId, label: fieldId, unit: "m", value };
}

describe("headline totals for /status", () => {
  it("takes one reported field per activity group, at most six, in the data's order", () => {
    const fields = ["a", "b", "c", "d", "e", "f", "g", "h"].flatMap((group) => [
      total(`${group}1`, group, 1),
      total(`${group}2`, group, 2),
    ]);
    expect(headlineTotals(fields).map((f) => f.fieldId)).toEqual([
      "a1",
      "b1",
      "c1",
      "d1",
      "e1",
      "f1",
    ]);
  });

  it("skips what nobody reported, and tops up from busy groups to four", () => {
    const fields = [
      total("road", "roads", 0),
      total("repair", "roads", 300),
      total("funds", "money", 20),
      total("days", "money", 5),
      total("land", "money", 7),
      total("trees", "green", 0),
    ];
    expect(headlineTotals(fields).map((f) => f.fieldId)).toEqual([
      "repair",
      "funds",
      "days",
      "land",
    ]);
    expect(headlineTotals([total("road", "roads", 0)])).toEqual([]);
  });
});

describe("a headline total beside last week's", () => {
  it("leaves out '(last week 0)', which tells the reader nothing", () => {
    const t = createI18n("vi").getFixedT("vi");
    const summary = { period: { kind: "week", week: "2026-W48" } } as Parameters<
      typeof headlineText
    >[0];
    const road = {
      fieldId: "roadConcretedM",
      groupId: "roads",
      label: "Đường bê tông hóa mới",
      unit: "m",
    };
    expect(headlineText(summary, { ...road, value: 300, previous: 0 }, t, "vi")).toBe(
      "Đường bê tông hóa mới: 300 m",
    );
    expect(headlineText(summary, { ...road, value: 300, previous: 1100 }, t, "vi")).toBe(
      "Đường bê tông hóa mới: 300 m (tuần trước 1,1 km)",
    );
  });
});
