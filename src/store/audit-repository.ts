import type { AdminAuditEntry } from "../domain/audit.js";

/** The administrators' audit trail: appended to, never changed, read oldest first. */
export interface AuditRepository {
  record(entry: AdminAuditEntry): Promise<void>;
  /** Every entry, or those at or after `since` (an ISO instant), oldest first. */
  list(since?: string): Promise<AdminAuditEntry[]>;
}
