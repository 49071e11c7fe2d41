import type { Summary } from "../domain/summary/types.js";

/** A compiled summary as kept: what was pushed to officials, so it can be fetched again unchanged. */
export interface StoredSummary {
  /** `<periodKey>|<areaId>`: one stored summary per period and area. */
  id: string;
  /** The period's key (`2026-W48`, `2026-11`, …), see `periodKey`. */
  periodKey: string;
  areaId: string;
  summary: Summary;
  /** When it was compiled and stored (ISO). */
  storedAt: string;
}

/** The id a summary of an area over a period is stored under. */
export function storedSummaryId(periodKey: string, areaId: string): string {
  return `${periodKey}|${areaId}`;
}

/** Compiled summaries, stored once a week has closed (and for any period compiled on purpose). */
export interface SummaryRepository {
  get(periodKey: string, areaId: string): Promise<StoredSummary | undefined>;
  /** Stores a summary (its id follows from period and area), replacing any stored before. */
  save(summary: Omit<StoredSummary, "id">): Promise<void>;
  /** Every stored summary of a period, any area. */
  listPeriod(periodKey: string): Promise<StoredSummary[]>;
  /** The periods with a stored summary of this area, newest key last. */
  periodsOf(areaId: string): Promise<string[]>;
}
