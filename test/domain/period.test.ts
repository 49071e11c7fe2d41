import { describe, expect, it } from "vitest";
import type { Campaign } from "../../src/domain/campaign.js";
import {
  campaignAt,
  periodDates,
  periodKey,
  previousPeriod,
  readPeriod,
  weeksOfPeriod,
} from "../../src/domain/period.js";

const TZ = "Asia/Ho_Chi_Minh";
// Wednesday 25 November 2026, 09:00 in Hanoi.
const NOW = new Date("2026-11-25T02:00:00Z");

function campaignOf(id: string, from: string, to: string): Campaign {
  return {
    id,
    name: id,
    scope: "cao-bang",
    from,
    to,
    targets: [],
    communesInScope: [],
    active: true,
  };
}
const first = campaignOf("ntm-2021-2025", "2021-01-01", "2025-12-31");
const second = campaignOf("ntm-2026-2030", "2026-01-01", "2030-12-31");

describe("reading the period an official asks for", () => {
  it("reads a week key, a bare week number of the current year and a date's week", () => {
    expect(readPeriod("2026-W48", NOW, TZ)).toEqual({ kind: "week", week: "2026-W48" });
    expect(readPeriod("2026-w5", NOW, TZ)).toEqual({ kind: "week", week: "2026-W05" });
    expect(readPeriod("47", NOW, TZ)).toEqual({ kind: "week", week: "2026-W47" });
    expect(readPeriod("tuần 47", NOW, TZ)).toEqual({ kind: "week", week: "2026-W47" });
    expect(readPeriod("2026-11-29", NOW, TZ)).toEqual({ kind: "week", week: "2026-W48" });
    expect(readPeriod("29/11/2026", NOW, TZ)).toEqual({ kind: "week", week: "2026-W48" });
  });

  it("reads weeks the way /report does: 'tuần trước', a day without its year", () => {
    expect(readPeriod("tuần trước", NOW, TZ)).toEqual({ kind: "week", week: "2026-W47" });
    expect(readPeriod("18/11", NOW, TZ)).toEqual({ kind: "week", week: "2026-W47" });
  });

  it("reads months, quarters and years in both orders", () => {
    expect(readPeriod("2026-11", NOW, TZ)).toEqual({ kind: "month", year: 2026, month: 11 });
    expect(readPeriod("tháng 11/2026", NOW, TZ)).toEqual({ kind: "month", year: 2026, month: 11 });
    expect(readPeriod("2026-Q4", NOW, TZ)).toEqual({ kind: "quarter", year: 2026, quarter: 4 });
    expect(readPeriod("Quý 4/2026", NOW, TZ)).toEqual({ kind: "quarter", year: 2026, quarter: 4 });
    expect(readPeriod("2026", NOW, TZ)).toEqual({ kind: "year", year: 2026 });
  });

  it("reads the campaign: the running one, or the one named by its years", () => {
    const campaigns = [first, second];
    expect(readPeriod("campaign", NOW, TZ, campaigns)).toMatchObject({
      campaignId: "ntm-2026-2030",
    });
    expect(readPeriod("chiến dịch", NOW, TZ, [first])).toMatchObject({
      kind: "campaign",
      campaignId: "ntm-2021-2025",
      from: "2021-01-01",
      to: "2025-12-31",
    });
    expect(readPeriod("2021-2025", NOW, TZ, campaigns)).toMatchObject({
      campaignId: "ntm-2021-2025",
    });
    expect(readPeriod("campaign", NOW, TZ, [])).toBeUndefined();
  });

  it("refuses what is not a period", () => {
    for (const text of ["", "2026-W54", "2025-W53", "2026-13", "31/02/2026", "hôm qua", "60"]) {
      expect(readPeriod(text, NOW, TZ), text).toBeUndefined();
    }
    expect(readPeriod("2020-W53", NOW, TZ)).toEqual({ kind: "week", week: "2020-W53" });
  });
});

describe("the weeks a period covers", () => {
  it("gives a month the weeks whose Thursday falls in it", () => {
    // 2026-W49 runs 30 Nov – 6 Dec; its Thursday is 3 December, so it belongs to December.
    expect(weeksOfPeriod({ kind: "month", year: 2026, month: 11 })).toEqual([
      "2026-W45",
      "2026-W46",
      "2026-W47",
      "2026-W48",
    ]);
    expect(weeksOfPeriod({ kind: "month", year: 2026, month: 12 })[0]).toBe("2026-W49");
  });

  it("gives a year its 52 or 53 ISO weeks and a quarter 13 or 14", () => {
    expect(weeksOfPeriod({ kind: "year", year: 2026 })).toHaveLength(53);
    expect(weeksOfPeriod({ kind: "year", year: 2025 })).toHaveLength(52);
    const q4 = weeksOfPeriod({ kind: "quarter", year: 2026, quarter: 4 });
    expect(q4[0]).toBe("2026-W40");
    expect(q4[q4.length - 1]).toBe("2026-W53");
  });

  it("never counts a week in two months of a year", () => {
    const months = Array.from({ length: 12 }, (_, i) =>
      weeksOfPeriod({ kind: "month", year: 2026, month: i + 1 }),
    ).flat();
    expect(months).toEqual(weeksOfPeriod({ kind: "year", year: 2026 }));
  });

  it("covers a campaign from its first Thursday to its last", () => {
    const weeks = weeksOfPeriod({
      kind: "campaign",
      campaignId: "x",
      from: "2021-01-01",
      to: "2025-12-31",
    });
    expect(weeks[0]).toBe("2021-W01");
    expect(weeks[weeks.length - 1]).toBe("2025-W52");
    expect(weeks).toHaveLength(52 * 5);
  });

  it("gives calendar dates for target deadlines", () => {
    expect(periodDates({ kind: "week", week: "2026-W48" })).toEqual({
      start: "2026-11-23",
      end: "2026-11-29",
    });
    expect(periodDates({ kind: "month", year: 2024, month: 2 })).toEqual({
      start: "2024-02-01",
      end: "2024-02-29",
    });
    expect(periodDates({ kind: "quarter", year: 2026, quarter: 4 })).toEqual({
      start: "2026-10-01",
      end: "2026-12-31",
    });
  });
});

describe("the period before", () => {
  it("steps back one of the same kind, across years", () => {
    expect(previousPeriod({ kind: "week", week: "2026-W01" })).toEqual({
      kind: "week",
      week: "2025-W52",
    });
    expect(previousPeriod({ kind: "month", year: 2026, month: 1 })).toEqual({
      kind: "month",
      year: 2025,
      month: 12,
    });
    expect(previousPeriod({ kind: "quarter", year: 2026, quarter: 1 })).toEqual({
      kind: "quarter",
      year: 2025,
      quarter: 4,
    });
    expect(previousPeriod({ kind: "year", year: 2026 })).toEqual({ kind: "year", year: 2025 });
  });

  it("steps from a campaign to the one before it, if there was one", () => {
    const campaigns = [first, second];
    expect(
      previousPeriod(
        { kind: "campaign", campaignId: second.id, from: second.from, to: second.to },
        campaigns,
      ),
    ).toMatchObject({ campaignId: first.id });
    expect(
      previousPeriod(
        { kind: "campaign", campaignId: first.id, from: first.from, to: first.to },
        campaigns,
      ),
    ).toBeUndefined();
  });

  it("names periods with stable keys", () => {
    expect(periodKey({ kind: "week", week: "2026-W48" })).toBe("2026-W48");
    expect(periodKey({ kind: "month", year: 2026, month: 3 })).toBe("2026-03");
    expect(periodKey({ kind: "quarter", year: 2026, quarter: 4 })).toBe("2026-Q4");
    expect(periodKey({ kind: "campaign", campaignId: "c", from: "", to: "" })).toBe("campaign:c");
  });
});

describe("the campaign a date belongs to", () => {
  it("is the running one, else the latest ended until a new one is loaded", () => {
    expect(campaignAt("2024-05-01", [first, second])?.id).toBe(first.id);
    expect(campaignAt("2026-05-01", [first])?.id).toBe(first.id);
    expect(campaignAt("2026-05-01", [first, second])?.id).toBe(second.id);
    expect(campaignAt("2019-05-01", [first, second])).toBeUndefined();
  });
});
