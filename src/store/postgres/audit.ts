import type { AuditRepository } from "../audit-repository.js";
import type { Database } from "./database.js";
import { docs, insertNewDocs } from "./document-table.js";
import { adminAudit } from "./tables.js";

/** The administrators' audit trail on PostgreSQL; an entry once stored is never replaced. */
export function auditRepository(db: Database): AuditRepository {
  return {
    record: async (entry) => {
      await insertNewDocs(db, adminAudit, [entry]);
    },
    list: (since) =>
      since === undefined
        ? docs(db, `SELECT doc FROM admin_audit ORDER BY at COLLATE "C", id COLLATE "C"`)
        : docs(
            db,
            `SELECT doc FROM admin_audit WHERE at >= $1 ORDER BY at COLLATE "C", id COLLATE "C"`,
            [since],
          ),
  };
}
