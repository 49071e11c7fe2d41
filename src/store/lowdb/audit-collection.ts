import type { AdminAuditEntry } from "../../domain/audit.js";
import type { AuditRepository } from "../audit-repository.js";
import { hashPartition } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";

/** The administrators' audit trail on lowdb, spread over 4 files. */
export async function openAudit(open: CollectionOpener): Promise<AuditRepository> {
  const entries = await open<AdminAuditEntry>(
    "admin-audit",
    {
      id: (e) => e.id,
      partition: hashPartition(4, (e) => e.id),
    },
    { readLater: true },
  );
  return {
    record: (entry) => entries.put(entry),
    list: async (since) =>
      entries
        .all()
        .filter((e) => since === undefined || e.at >= since)
        .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
  };
}
