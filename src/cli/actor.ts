import { userInfo } from "node:os";

/**
 * Who is running the CLI, as the audit trail names them: `cli:` and the operating-system
 * account (an IT officer's login, not a member's personal data), or just `cli` when the
 * system cannot say.
 */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}
