import { Writable } from "node:stream";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/logger.js";
import { freePort } from "../../src/testing/free-port.js";
import { type RoundRobinProxy, startRoundRobinProxy } from "../../src/testing/round-robin-proxy.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/testing/telegram/index.js";
import { startZaloEmulator, type ZaloEmulator } from "../../src/testing/zalo/index.js";
import { postgresSkipReason, TestSchema } from "../support/postgres.js";
import { type AppBench, startAppBench } from "./support/app-bench.js";
import { telegramMember } from "./support/broadcast-bench.js";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping the bot on three instances: ${skipReason}`);

const INSTANCES = 3;
const RECIPIENTS = 120;
/** People writing at once on each platform. */
const WRITERS = 20;
/** TELEGRAM_RATE: the bot's rate on Telegram, for the instances together. */
const RATE = 12;
const FIRST_CHAT = 600_000;
const SECRET = "webhook-secret-instances-0123";

/** What one instance logs, as parsed lines. */
function logLines(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { lines, stream };
}

describe.skipIf(skipReason !== undefined)("the bot on three instances sharing PostgreSQL", () => {
  const schema = new TestSchema();
  const benches: AppBench[] = [];
  let emulator: TelegramEmulator | undefined;
  let zalo: ZaloEmulator | undefined;
  let proxy: RoundRobinProxy | undefined;
  afterAll(async () => {
    for (const bench of benches) await bench.app.stop();
    await proxy?.close();
    await emulator?.close();
    await zalo?.close();
    await schema.drop();
  });

  it("behind a round-robin proxy: jobs once, every message once, the rate kept together, one stopping mid-way", async () => {
    await schema.create();
    emulator = await startTelegramEmulator({ rateLimits: false, unknownChats: "create" });
    const e = emulator;
    zalo = await startZaloEmulator();
    const z = zalo;
    const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
    proxy = await startRoundRobinProxy(ports);
    const logs = ports.map(() => logLines());
    // Started at once: their catch-up of the jobs due now overlaps.
    benches.push(
      ...(await Promise.all(
        ports.map((port, i) =>
          startAppBench(
            {
              TELEGRAM_BOT_TOKEN: e.token,
              TELEGRAM_API_ROOT: e.apiRoot,
              ZALO_BOT_TOKEN: z.token,
              ZALO_API_ROOT: z.apiRoot,
            },
            {
              env: {
                DATABASE_URL: schema.url,
                PUBLIC_URL: proxy?.base ?? "",
                WEBHOOK_SECRET: SECRET,
                PORT: String(port),
                TELEGRAM_RATE: String(RATE),
              },
              logger: createLogger("info", logs[i]?.stream),
            },
            async () => undefined,
          ),
        ),
      )),
    );
    const [first, , last] = benches;
    if (!first || !last) throw new Error("three instances expected");

    // Each occurrence due at start ran on one instance only.
    const runs = logs.flatMap(({ lines }) =>
      lines.filter((l) => l.msg === "job done").map((l) => `${l.job} ${l.occurrence}`),
    );
    expect(runs.length).toBeGreaterThan(0);
    expect(new Set(runs).size).toBe(runs.length);

    // A broadcast's worth of sends, queued by one instance, sent by all.
    const { store } = first.app.deps;
    await store.members.saveMany(
      Array.from({ length: RECIPIENTS }, (_, i) =>
        telegramMember(`r${i}`, FIRST_CHAT + i, "thuc-phan", []),
      ),
    );
    const message = { text: "Mời bà con dự Ngày Chủ nhật xanh." };
    await first.app.outbox.enqueueMany(
      Array.from({ length: RECIPIENTS }, (_, i) => ({
        key: `broadcast:e2e:r${i}`,
        purpose: "broadcast:e2e",
        memberId: `r${i}`,
        message,
      })),
    );
    // Meanwhile people write to the bot; their updates reach the instances in turn.
    const writers = Array.from({ length: WRITERS }, (_, i) =>
      e.user({ id: 700_000 + i, firstName: `Người ${i}` }),
    );
    const written = writers.map((user) => ({ user, sent: user.send("xin chào") }));
    const zaloWriters = Array.from({ length: WRITERS }, (_, i) =>
      z.user({ displayName: `Người Zalo ${i}` }),
    );
    const zaloWritten = await Promise.all(
      zaloWriters.map(async (user) => ({ user, sent: await user.send("xin chào") })),
    );

    // One instance is stopped (SIGTERM) mid-way: it hands back what it had claimed.
    await vi.waitFor(
      async () => expect((await store.outbox.progress("broadcast:e2e")).sent).toBeGreaterThan(40),
      { timeout: 30_000, interval: 100 },
    );
    await last.app.stop();
    benches.pop();

    await vi.waitFor(
      async () =>
        expect(await store.outbox.progress("broadcast:e2e")).toMatchObject({
          sent: RECIPIENTS,
          queued: 0,
          sending: 0,
        }),
      { timeout: 60_000, interval: 200 },
    );
    for (const { user, sent } of written) await user.whenHandled(sent.updateId);
    for (const { user, sent } of zaloWritten) await user.whenHandled(sent);

    const received = Array.from(
      { length: RECIPIENTS },
      (_, i) => e.chat(FIRST_CHAT + i).filter((m) => m.from === "bot").length,
    );
    expect(received.filter((n) => n !== 1)).toEqual([]);
    expect(writers.map((user) => user.chat().filter((m) => m.from === "bot").length)).toEqual(
      Array(WRITERS).fill(1),
    );
    expect(zaloWriters.map((user) => user.chat().filter((m) => m.from === "bot").length)).toEqual(
      Array(WRITERS).fill(1),
    );
    expect([...proxy.served.values()].every((n) => n > 0)).toBe(true);

    const times = e
      .calls({ method: "sendMessage" })
      .filter(
        (call) =>
          Number(call.chatId) >= FIRST_CHAT && Number(call.chatId) < FIRST_CHAT + RECIPIENTS,
      )
      .map((call) => call.at);
    const spanMs = Math.max(...times) - Math.min(...times);
    // The instances together kept TELEGRAM_RATE: the batch took at least what one would.
    expect(spanMs).toBeGreaterThanOrEqual(((RECIPIENTS - 2) * 1000) / RATE);
    const busiest = Math.max(
      ...times.map((start) => times.filter((at) => at >= start && at < start + 1000).length),
    );
    console.info(
      `${INSTANCES} instances, ${RECIPIENTS} sends at ${RATE}/s together: ${(spanMs / 1000).toFixed(1)} s, at most ${busiest} in any second; updates per instance ${[...proxy.served.values()].join(", ")}`,
    );
  }, 120_000);
});
