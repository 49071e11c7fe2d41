/**
 * The admin CLI: `npm run cli -- <command> [options]`. Each command opens `$DATA_DIR`
 * (initialising it when empty), directly or through the running bot, and needs no bot token.
 */
import { runCli } from "./run.js";

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
