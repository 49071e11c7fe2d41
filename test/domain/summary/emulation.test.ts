import { describe, expect, it } from "vitest";
import { competitionRanks, compileSummary } from "../../../src/domain/summary/index.js";
import { cityInput } from "./city.js";

describe("the emulation table", () => {
  it("ranks hamlets by weeks on time and by criteria met, ties sharing a rank", () => {
    const feb = compileSummary(cityInput("tp", { kind: "month", year: 2025, month: 2 }));
    const rows = feb.emulation.map((r) => [
      r.hamlet.name,
      r.weeksOnTime,
      r.onTimeRank,
      r.criteriaMet,
      r.progressRank,
      r.criteriaNewlyMet,
    ]);
    expect(rows).toEqual([
      ["Xóm Bản Chang", 3, 1, 5, 1, 2],
      ["Xóm Cốc Phường", 2, 2, 4, 3, 0],
      ["Xóm Đà Quận", 2, 2, 2, 4, 0],
      ["Xóm Nà Khoang", 1, 4, 5, 1, 0],
      ["Xóm Lũng Vài", 1, 4, 2, 4, 0],
      ["Xóm Pác Pó", 1, 4, 2, 4, 0],
      ["Xóm Mới", 1, 4, 0, 7, 0],
    ]);
  });

  it("ranks like a competition: 1, 1, 3", () => {
    expect(competitionRanks([5, 9, 9, 2, 5], (n) => n)).toEqual([3, 1, 1, 5, 3]);
    expect(competitionRanks([], (n: number) => n)).toEqual([]);
  });
});
