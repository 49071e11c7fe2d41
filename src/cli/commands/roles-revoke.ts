import { revokeRole } from "../../features/admin/roles.js";
import { roleCommand } from "../role-change.js";

/** `roles revoke <member-id> <role> [--unit <id>] [--org <id>...]`: takes a role away. */
export const command = roleCommand(revokeRole, "cli:roles.revoked");
