import { grantRole } from "../../features/admin/roles.js";
import { roleCommand } from "../role-change.js";

/** `roles grant <member-id> <role> [--unit <id>] [--org <id>...]`: gives a member a role. */
export const command = roleCommand(grantRole, "cli:roles.granted");
