import { randomUUID } from "node:crypto";
import type { AdminAuditAction, AdminAuditEntry } from "../../domain/audit.js";
import type { Store } from "../../store/store.js";

/**
 * Writes what an administrator just did to a person's data into the audit trail: who, when,
 * what, and the member's id, nothing else about them.
 */
export async function recordAdminAction(
  store: Pick<Store, "audit">,
  action: AdminAuditAction,
  memberId: string,
  actor: string,
  at: Date,
): Promise<AdminAuditEntry> {
  const entry: AdminAuditEntry = {
    id: randomUUID(),
    at: at.toISOString(),
    actor,
    action,
    memberId,
  };
  await store.audit.record(entry);
  return entry;
}
