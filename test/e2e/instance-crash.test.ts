import { afterAll, describe, expect, it, vi } from "vitest";
import { Outbox } from "../../src/delivery/outbox.js";
import { openPgStore } from "../../src/store/postgres/pg-store.js";
import { freePort } from "../../src/testing/free-port.js";
import { type RoundRobinProxy, startRoundRobinProxy } from "../../src/testing/round-robin-proxy.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/testing/telegram/index.js";
import { postgresSkipReason, TEST_DATABASE_URL, TestSchema } from "../support/postgres.js";
import { compiled, type RunningProcess, startNode, tempDir } from "../support/processes.js";
import { telegramMember } from "./support/broadcast-bench.js";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping an instance killed beside another: ${skipReason}`);

const RECIPIENTS = 400;
const FIRST_CHAT = 800_000;
const LEASE_SECONDS = 3;

/** The JSON log lines of a bot process (pino writes them to either stream). */
const logOf = (bot: RunningProcess): Record<string, unknown>[] =>
  [...bot.lines, ...bot.stderr].flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

describe.skipIf(skipReason !== undefined)(
  "an instance killed beside another on one database",
  () => {
    const schema = new TestSchema();
    const bots: RunningProcess[] = [];
    let emulator: TelegramEmulator | undefined;
    let proxy: RoundRobinProxy | undefined;
    afterAll(async () => {
      for (const bot of bots) bot.child.kill("SIGKILL");
      await proxy?.close();
      await emulator?.close();
      await schema.drop();
    });

    it("after SIGKILL mid-batch, the other sends what it held once its lease passes: everyone has it, repeats at most what was taken back", async () => {
      await schema.create();
      emulator = await startTelegramEmulator({ rateLimits: false, unknownChats: "create" });
      const e = emulator;
      const store = await openPgStore(TEST_DATABASE_URL, { schema: schema.name });
      try {
        await store.members.saveMany(
          Array.from({ length: RECIPIENTS }, (_, i) =>
            telegramMember(`r${i}`, FIRST_CHAT + i, "thuc-phan", []),
          ),
        );
        const outbox = new Outbox({
          store,
          now: () => new Date(),
          quietHours: null,
          timeZone: "Asia/Ho_Chi_Minh",
        });
        const message = { text: "Cả xã ra quân làm đường giao thông nông thôn sáng Chủ nhật." };
        await outbox.enqueueMany(
          Array.from({ length: RECIPIENTS }, (_, i) => ({
            key: `broadcast:crash:r${i}`,
            purpose: "broadcast:crash",
            memberId: `r${i}`,
            message,
          })),
        );
      } finally {
        await store.close();
      }

      const ports = [await freePort(), await freePort()];
      proxy = await startRoundRobinProxy(ports);
      for (const port of ports) {
        bots.push(
          startNode(compiled("src/main.js"), [], {
            DATA_DIR: await tempDir(),
            DATABASE_URL: schema.url,
            PUBLIC_URL: proxy.base,
            WEBHOOK_SECRET: "webhook-secret-crash-0123456",
            PORT: String(port),
            TELEGRAM_BOT_TOKEN: e.token,
            TELEGRAM_API_ROOT: e.apiRoot,
            TELEGRAM_RATE: "40",
            SEND_LEASE_SECONDS: String(LEASE_SECONDS),
            QUIET_HOURS: "off",
            RETRY_BASE_MS: "20",
            LOG_LEVEL: "info",
          }),
        );
      }
      const [killed, survivor] = bots;
      if (!killed || !survivor) throw new Error("two bots expected");
      const toRecipients = () =>
        e
          .calls({ method: "sendMessage", outcome: "ok" })
          .filter((call) => Number(call.chatId) >= FIRST_CHAT);

      await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 100, 60_000);
      killed.child.kill("SIGKILL");
      await killed.exited;
      const beforeKill = toRecipients().length;
      expect(beforeKill).toBeLessThan(RECIPIENTS);

      // Every send ends `sent`: those the killed one held too, once their lease has passed.
      const watch = await openPgStore(TEST_DATABASE_URL, { schema: schema.name });
      try {
        await vi.waitFor(
          async () =>
            expect(await watch.outbox.progress("broadcast:crash")).toMatchObject({
              sent: RECIPIENTS,
              sending: 0,
              queued: 0,
            }),
          { timeout: 60_000, interval: 200 },
        );
      } finally {
        await watch.close();
      }
      const chats = Array.from({ length: RECIPIENTS }, (_, i) => FIRST_CHAT + i);
      const perChat = new Map(chats.map((chat) => [chat, 0]));
      for (const call of toRecipients()) {
        const chat = Number(call.chatId);
        perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
      }
      const repeats = [...perChat.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
      const takenBack = logOf(survivor)
        .filter((line) => typeof line.recovered === "number")
        .reduce((sum, line) => sum + (line.recovered as number), 0);
      console.info(
        `killed after ${beforeKill} of ${RECIPIENTS}; ${takenBack} of its sends taken back by the other; ${repeats} got it twice`,
      );
      expect([...perChat.values()].filter((n) => n === 0)).toEqual([]);
      expect(repeats).toBeLessThanOrEqual(takenBack);

      // The jobs due when both started ran once between them.
      const runs = bots
        .flatMap(logOf)
        .filter((line) => line.msg === "job done")
        .map((line) => `${line.job} ${line.occurrence}`);
      expect(new Set(runs).size).toBe(runs.length);

      survivor.child.kill("SIGTERM");
      expect(await survivor.exited).toBe(0);
    }, 150_000);
  },
);
