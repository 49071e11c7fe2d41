/** What an administrator can do to one person's data that the audit trail records. */
export const ADMIN_AUDIT_ACTIONS = ["member-exported", "member-forgotten"] as const;
export type AdminAuditAction = (typeof ADMIN_AUDIT_ACTIONS)[number];

/**
 * One line of the administrators' audit trail: who did what to whose data, and when. It
 * names the person by member id only (Nghị định 13/2023/NĐ-CP: the trail of who handled
 * personal data must not become a copy of it), so it outlives `members forget` unchanged.
 */
export interface AdminAuditEntry {
  id: string;
  /** When it was done (ISO instant). */
  at: string;
  /** Who did it: the operating-system account that ran the command. */
  actor: string;
  action: AdminAuditAction;
  memberId: string;
}
