import type { CommandSpec } from "./command.js";

/** A registered command: the words that call it, and its module, loaded only when run. */
export interface CommandEntry {
  /** One or two words: `backup`, `members import`. */
  name: string;
  load(): Promise<{ command: CommandSpec }>;
}

/**
 * Every CLI command. To add one: write `src/cli/commands/<group>-<name>.ts` exporting
 * `command = defineCommand({...})`, add its line here, and its words to
 * `locales/{vi,en}/cli.json` under `commands.<group>-<name>`. Modules load lazily, so a
 * command's heavy dependencies never slow the others down.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: "units list", load: () => import("./commands/units-list.js") },
  { name: "units import", load: () => import("./commands/units-import.js") },
  { name: "units reporting-from", load: () => import("./commands/units-reporting-from.js") },
  { name: "orgs list", load: () => import("./commands/orgs-list.js") },
  { name: "orgs import", load: () => import("./commands/orgs-import.js") },
  { name: "data validate", load: () => import("./commands/data-validate.js") },
  { name: "members list", load: () => import("./commands/members-list.js") },
  { name: "members add", load: () => import("./commands/members-add.js") },
  { name: "members import", load: () => import("./commands/members-import.js") },
  { name: "members deactivate", load: () => import("./commands/members-deactivate.js") },
  { name: "members unbind", load: () => import("./commands/members-unbind.js") },
  { name: "members forget", load: () => import("./commands/members-forget.js") },
  { name: "members export", load: () => import("./commands/members-export.js") },
  { name: "members reachable", load: () => import("./commands/members-reachable.js") },
  { name: "invite create", load: () => import("./commands/invite-create.js") },
  { name: "invite batch", load: () => import("./commands/invite-batch.js") },
  { name: "invite revoke", load: () => import("./commands/invite-revoke.js") },
  { name: "roles grant", load: () => import("./commands/roles-grant.js") },
  { name: "roles revoke", load: () => import("./commands/roles-revoke.js") },
  { name: "backup", load: () => import("./commands/backup.js") },
  { name: "restore", load: () => import("./commands/restore.js") },
  { name: "store migrate", load: () => import("./commands/store-migrate.js") },
  { name: "parse", load: () => import("./commands/parse.js") },
  { name: "criteria set", load: () => import("./commands/criteria-set.js") },
  { name: "criteria import", load: () => import("./commands/criteria-import.js") },
  { name: "summary", load: () => import("./commands/summary.js") },
  { name: "campaigns list", load: () => import("./commands/campaigns-list.js") },
  { name: "campaigns validate", load: () => import("./commands/campaigns-validate.js") },
  { name: "campaigns import", load: () => import("./commands/campaigns-import.js") },
  { name: "targets record", load: () => import("./commands/targets-record.js") },
  { name: "broadcasts list", load: () => import("./commands/broadcasts-list.js") },
  { name: "broadcasts show", load: () => import("./commands/broadcasts-show.js") },
  { name: "audit list", load: () => import("./commands/audit-list.js") },
];

/** The locale key prefix of a command's words: `cli:commands.members-import`. */
export function commandKey(name: string): string {
  return `cli:commands.${name.replace(/ /g, "-")}`;
}
