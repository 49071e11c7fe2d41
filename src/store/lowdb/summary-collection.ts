import {
  type StoredSummary,
  type SummaryRepository,
  storedSummaryId,
} from "../summary-repository.js";
import type { CollectionOpener } from "./collection-opener.js";

/** Summaries on lowdb: one file per period (`2026-W48.json`), so storing a week rewrites one file. */
export async function openSummaries(open: CollectionOpener): Promise<SummaryRepository> {
  const summaries = await open<StoredSummary>(
    "summaries",
    {
      id: (s) => s.id,
      // Partition names allow only file-name-safe characters; `campaign:<id>` has a colon.
      partition: (s) => s.periodKey.replace(/[^A-Za-z0-9_.-]/g, "_"),
      indexes: { period: (s) => [s.periodKey], area: (s) => [s.areaId] },
    },
    { readLater: true },
  );
  return {
    get: async (periodKey, areaId) => summaries.get(storedSummaryId(periodKey, areaId)),
    save: (summary) =>
      summaries.put({ ...summary, id: storedSummaryId(summary.periodKey, summary.areaId) }),
    listPeriod: async (periodKey) => summaries.find("period", periodKey),
    periodsOf: async (areaId) =>
      summaries
        .find("area", areaId)
        .map((s) => s.periodKey)
        .sort(),
  };
}
