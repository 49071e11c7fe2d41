/**
 * `npm run sandbox`: the real bot on a temporary data folder, speaking to local Telegram and
 * Zalo emulators, played from chat panes in a browser page on 127.0.0.1. Talks to nothing
 * beyond this machine. `SANDBOX_PORT` picks the page's port (default 8787; 0 for any).
 */
import { createI18n } from "../src/i18n.js";
import { startSandboxServer } from "./sandbox/server.js";

const DEFAULT_PORT = 8787;

const asked = Number(process.env.SANDBOX_PORT ?? DEFAULT_PORT);
const port = Number.isInteger(asked) && asked >= 0 && asked < 65536 ? asked : DEFAULT_PORT;
// When the usual port is taken, any free one does: the address is printed below.
const sandbox = await startSandboxServer({ port }).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== "EADDRINUSE") throw error;
  return startSandboxServer({ port: 0 });
});
const t = createI18n("vi").getFixedT("vi");
process.stdout.write(
  `${t("sandbox:listening", { url: sandbox.url, interpolation: { escapeValue: false } })}\n`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sandbox.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
