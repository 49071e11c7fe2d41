import { describe, expect, it } from "vitest";
import { compileSummary, type SummaryInput } from "../../../src/domain/summary/index.js";
import { cityInput, criteria } from "./city.js";

function planAt(area: string, week: string, now?: string, more: Partial<SummaryInput> = {}) {
  const extra = now ? { now: new Date(now), ...more } : more;
  const plan = compileSummary(cityInput(area, { kind: "week", week }, extra)).plan;
  if (!plan) throw new Error("expected a plan");
  return plan;
}

function unitStates(plan: ReturnType<typeof planAt>) {
  return Object.fromEntries(plan.units.map((u) => [`${u.unitId}/${u.status}`, u.state]));
}

describe("progress against the plan", () => {
  it("counts hamlets meeting NTM and model from confirmed criteria only", () => {
    const plan = planAt("tp", "2025-W09");
    // NTM: Bản Chang, Cốc Phường (whose model criterion is only claimed), Nà Khoang.
    // Model: Bản Chang (from 25 Feb) and Nà Khoang; Pác Pó has the model criteria but not NTM.
    expect(plan.shares.map((s) => [s.status, s.meeting, s.hamlets, s.share, s.state])).toEqual([
      ["ntm", 3, 7, 1, "due"],
      ["model", 2, 7, 0.5, "due"],
    ]);
    expect(plan.ended).toBe(false);
    expect(plan.asOf).toBe("2025-03-02");
  });

  it("marks a share target met once the share of hamlets reaches it", () => {
    // Xuân Hòa: Nà Khoang is a model hamlet, Pác Pó is not: 1 of 2 = 50%.
    const plan = planAt("xuan-hoa", "2025-W09");
    expect(plan.shares.map((s) => [s.status, s.meeting, s.hamlets, s.state])).toEqual([
      ["ntm", 1, 2, "due"],
      ["model", 1, 2, "met"],
    ]);
  });

  it("takes criteria as they stood at the period's end", () => {
    // Autumn 2024: Xóm Mới did not exist yet; Lũng Vài still met all NTM criteria; Bản Chang
    // was not yet a model hamlet.
    const plan = planAt("tp", "2024-W40", "2024-10-02T03:00:00Z");
    expect(plan.shares.map((s) => [s.meeting, s.hamlets])).toEqual([
      [4, 6],
      [1, 6],
    ]);
  });

  it("marks unit targets due before their year, met once recognised, overdue after", () => {
    expect(unitStates(planAt("tp", "2024-W40", "2024-10-02T03:00:00Z"))).toEqual({
      "tp/completed-ntm-task": "due",
      "an-binh/advanced-ntm": "due",
      "xuan-hoa/model-ntm": "due",
    });
    const after = planAt("tp", "2024-W43", "2024-10-23T03:00:00Z");
    expect(unitStates(after)["an-binh/advanced-ntm"]).toBe("met");
    expect(after.units.find((u) => u.unitId === "an-binh")?.recognisedOn).toBe("2024-10-15");
    expect(unitStates(planAt("tp", "2025-W09"))).toEqual({
      "tp/completed-ntm-task": "overdue",
      "an-binh/advanced-ntm": "met",
      "xuan-hoa/model-ntm": "due",
    });
  });

  it("shows a commune only its own targets, and a successor ward those of what it absorbed", () => {
    expect(Object.keys(unitStates(planAt("an-binh", "2025-W09")))).toEqual([
      "an-binh/advanced-ntm",
    ]);
    expect(
      Object.keys(unitStates(planAt("hoa-thuan", "2025-W30", "2025-07-30T03:00:00Z"))),
    ).toEqual(["xuan-hoa/model-ntm"]);
  });

  it("shows an ended campaign's final standing only when asked for, never on later weeks", () => {
    // Đà Quận's last NTM criterion is confirmed in January 2026, after the campaign ended.
    const late = {
      unitId: "ab.da-quan",
      criterionId: "hamlet-ntm/van-hoa",
      state: "met" as const,
      since: "2026-01-20",
    };
    const later = compileSummary(
      cityInput(
        "tp",
        { kind: "week", week: "2026-W10" },
        { now: new Date("2026-03-04T03:00:00Z") },
      ),
    );
    expect(later.plan).toBeUndefined();
    const asked = compileSummary(
      cityInput(
        "tp",
        { kind: "campaign", campaignId: "ntm-test", from: "2021-01-01", to: "2025-12-31" },
        { now: new Date("2026-03-04T03:00:00Z"), criteria: [...criteria, late] },
      ),
    );
    const plan = asked.plan;
    if (!plan) throw new Error("expected the final standing");
    expect(plan).toMatchObject({ campaignId: "ntm-test", asOf: "2025-12-31" });
    expect(unitStates(plan)["xuan-hoa/model-ntm"]).toBe("overdue");
    expect(plan.shares.map((s) => [s.meeting, s.hamlets, s.state])).toEqual([
      [3, 7, "overdue"],
      [2, 7, "overdue"],
    ]);
  });

  it("shows each commune's share of hamlets and each hamlet's criteria in the breakdown", () => {
    const city = compileSummary(cityInput("tp", { kind: "week", week: "2025-W09" }));
    const anBinh = city.parts.find((p) => p.unit.id === "an-binh");
    expect(anBinh?.progress).toEqual([
      { status: "ntm", meeting: 2, of: 3, target: 1 },
      { status: "model", meeting: 1, of: 3, target: 0.5 },
    ]);
    const commune = compileSummary(cityInput("an-binh", { kind: "week", week: "2025-W09" }));
    const coc = commune.parts.find((p) => p.unit.name === "Xóm Cốc Phường");
    expect(coc?.progress).toEqual([
      { status: "ntm", meeting: 3, of: 3, target: 1 },
      { status: "model", meeting: 1, of: 2, target: 1 },
    ]);
    const hamlet = compileSummary(cityInput("ab.coc-phuong", { kind: "week", week: "2025-W09" }));
    expect(hamlet.parts.map((p) => [p.unit.name, p.progress])).toEqual([
      ["Xóm Cốc Phường", coc?.progress],
    ]);
  });
});
