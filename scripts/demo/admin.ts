import type { Print } from "./transcript.js";

/** Runs the admin CLI against the running bot's data folder; resolves with its stdout. */
export type RunCli = (...args: string[]) => Promise<string>;

/** An invite as the CLI prints it with --json. */
export interface MadeInvite {
  code: string;
  telegramLink: string | null;
}

/**
 * The administrator making an invite with the CLI, as the transcript shows it: the command
 * typed, then the code (and the deep link when there is one).
 */
export async function makeInvite(cli: RunCli, print: Print, args: string[]): Promise<MadeInvite> {
  const made = JSON.parse(await cli("invite", "create", ...args, "--json")) as MadeInvite;
  print(`  $ npm run cli -- invite create ${args.map(quoted).join(" ")}`);
  print(`  → mã ${made.code}${made.telegramLink ? `, liên kết ${made.telegramLink}` : ""}`);
  return made;
}

function quoted(arg: string): string {
  return /\s/.test(arg) ? `"${arg}"` : arg;
}
