import { describe, expect, it } from "vitest";
import { compileSummary } from "../../../src/domain/summary/index.js";
import { demoWeek } from "./city.js";

describe("the emulation table", () => {
  it("ranks results above punctuality, a late report above none, ties sharing a rank", () => {
    const { emulation } = compileSummary(demoWeek());
    expect(emulation.map((r) => [r.rank, r.hamlet.name])).toEqual([
      [1, "Xóm Bản Chang"],
      [2, "Xóm Lũng Vài"],
      [3, "Xóm Nà Khoang"],
      [4, "Xóm Cốc Phường"],
      [4, "Xóm Mới"],
      [6, "Xóm Đà Quận"],
      [7, "Xóm Pác Pó"],
    ]);
  });

  it("counts the NTM and model criteria sets apart, never summed", () => {
    const { emulation } = compileSummary(demoWeek());
    const banChang = emulation.find((r) => r.hamlet.id === "ab.ban-chang");
    expect(banChang?.criteria).toEqual([
      { status: "ntm", of: 3, met: 3, newlyMet: 0 },
      { status: "model", of: 2, met: 2, newlyMet: 2 },
    ]);
  });

  it("compares contributions per household, only where the hamlet has a household count", () => {
    const { emulation } = compileSummary(demoWeek());
    const lungVai = emulation.find((r) => r.hamlet.id === "tl.lung-vai");
    expect(lungVai).toMatchObject({
      households: 60,
      contributions: { fundsPeopleMillionVnd: 30 },
      perHousehold: { fundsPeopleMillionVnd: 0.5 },
    });
    const moi = emulation.find((r) => r.hamlet.id === "tl.moi");
    expect(moi?.households).toBeUndefined();
    expect(moi?.perHousehold).toEqual({});
  });

  it("scores regular reporting 2 a week on time, 1 late, 0 none", () => {
    const { emulation } = compileSummary(demoWeek());
    const points = Object.fromEntries(emulation.map((r) => [r.hamlet.name, r.reportingPoints]));
    expect(points).toMatchObject({ "Xóm Cốc Phường": 2, "Xóm Đà Quận": 1, "Xóm Pác Pó": 0 });
  });

  it("counts the model stories published in the period only", () => {
    const { emulation } = compileSummary(demoWeek());
    const stories = Object.fromEntries(emulation.map((r) => [r.hamlet.name, r.storiesPublished]));
    expect(stories).toMatchObject({ "Xóm Nà Khoang": 1, "Xóm Đà Quận": 0 });
  });
});
