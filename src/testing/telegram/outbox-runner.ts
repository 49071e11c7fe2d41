/**
 * A stand-in for the bot's delivery side, for tests of crash recovery and shutdown: opens the
 * data folder as its owner, runs the DeliveryWorker with the Telegram sender configured from
 * the environment (DATA_DIR, TELEGRAM_API_ROOT, TELEGRAM_BOT_TOKEN, TELEGRAM_RATE,
 * QUIET_HOURS, RETRY_BASE_MS), and prints one JSON line per event on stdout:
 *   {"event":"started","recovered":N}   after taking back what a killed run left in flight
 *   {"event":"idle","progress":{...}}   once the purpose has nothing queued or in flight
 *   {"event":"stopped"}                 after SIGTERM, once in-flight sends finished
 * It sits with the Telegram emulator it is run against: it drives Telegram's own sender.
 * Usage: node dist/src/testing/telegram/outbox-runner.js <purpose> [concurrency]
 */
import { TelegramSender, telegramDeliveryChannel } from "../../channels/telegram/sender.js";
import { parseConfig } from "../../config.js";
import { DeliveryWorker } from "../../delivery/worker.js";
import { createLogger } from "../../logger.js";
import { openStoreAsOwner } from "../../store/open-store.js";

const [purpose, concurrencyText] = process.argv.slice(2);
if (!purpose) {
  process.stderr.write("usage: outbox-runner <purpose> [concurrency]\n");
  process.exit(2);
}
const config = parseConfig(process.env);
if (!config.telegram.token) {
  process.stderr.write("outbox-runner needs TELEGRAM_BOT_TOKEN\n");
  process.exit(2);
}
const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const logger = createLogger(config.logLevel);
const opened = await openStoreAsOwner(config.dataDir);
const worker = new DeliveryWorker({
  store: opened.store,
  channels: [
    telegramDeliveryChannel(
      new TelegramSender({ token: config.telegram.token, apiRoot: config.telegram.apiRoot }),
      config.telegram.rate,
    ),
  ],
  quietHours: config.quietHours,
  timeZone: config.timeZone,
  retryBaseMs: config.retryBaseMs,
  concurrency: Number(concurrencyText ?? 16),
  idlePollMs: 100,
  logger,
});

process.on("SIGTERM", async () => {
  await worker.stop();
  await opened.close();
  print({ event: "stopped" });
  process.exit(0);
});

const { recovered } = await worker.start();
print({ event: "started", recovered });
for (;;) {
  await worker.whenIdle();
  const progress = await opened.store.outbox.progress(purpose);
  if (progress.queued === 0 && progress.sending === 0) {
    print({ event: "idle", progress });
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
