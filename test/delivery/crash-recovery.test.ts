import { afterEach, describe, expect, it } from "vitest";
import { Outbox } from "../../src/delivery/outbox.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/testing/telegram/index.js";
import { compiled, type RunningProcess, startNode, tempDir } from "../support/processes.js";
import { receivedPerChat, telegramMembers, ZONE } from "./fixtures.js";

const RECIPIENTS = 500;
const CONCURRENCY = 16;

let emulator: TelegramEmulator | undefined;
const children: RunningProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.child.kill("SIGKILL");
  await emulator?.close();
});

/** A data folder holding a broadcast to 500 members, queued and not yet sent. */
async function queuedBroadcast(): Promise<string> {
  const dataDir = await tempDir("chung-suc-crash-");
  const store = await openLowStore(dataDir);
  await store.members.saveMany(telegramMembers(RECIPIENTS));
  const outbox = new Outbox({ store, now: () => new Date(), quietHours: null, timeZone: ZONE });
  const message = { text: "Thông báo: họp toàn xã sáng thứ Hai." };
  await outbox.enqueueMany(
    Array.from({ length: RECIPIENTS }, (_, i) => ({
      key: `broadcast:7:m${i}`,
      purpose: "broadcast:7",
      memberId: `m${i}`,
      message,
    })),
  );
  await store.close();
  return dataDir;
}

function runner(dataDir: string, e: TelegramEmulator): RunningProcess {
  const child = startNode(
    compiled("src/testing/telegram/outbox-runner.js"),
    ["broadcast:7", String(CONCURRENCY)],
    {
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: e.token,
      TELEGRAM_API_ROOT: e.apiRoot,
      TELEGRAM_RATE: "100",
      QUIET_HOURS: "off",
      RETRY_BASE_MS: "50",
      LOG_LEVEL: "warn",
    },
  );
  children.push(child);
  return child;
}

const event = (name: string) => (line: string) => line.includes(`"event":"${name}"`);

describe("the outbox across a crash", () => {
  it("after SIGKILL mid-broadcast and a restart, everyone has the message, repeats at most the in-flight count", async () => {
    emulator = await startTelegramEmulator({
      unknownChats: "create",
      rateLimits: { bulk: { perSecond: 200 }, perChat: { perSecond: 1, burst: 1 } },
    });
    const dataDir = await queuedBroadcast();

    const first = runner(dataDir, emulator);
    await emulator.waitForCalls({ method: "sendMessage", outcome: "ok" }, 150, 20_000);
    first.child.kill("SIGKILL");
    await first.exited;
    const beforeRestart = emulator.calls({ outcome: "ok" }).length;
    expect(beforeRestart).toBeLessThan(RECIPIENTS);

    const second = runner(dataDir, emulator);
    const started = JSON.parse(await second.waitForLine(event("started"))) as { recovered: number };
    const idle = JSON.parse(await second.waitForLine(event("idle"), 30_000)) as {
      progress: { sent: number; failed: number };
    };
    // The restart said how many sends were in flight, and logged it.
    expect(second.stderr.join("\n")).toContain(`repeats at most ${started.recovered}`);
    expect(started.recovered).toBeGreaterThan(0);
    expect(started.recovered).toBeLessThanOrEqual(CONCURRENCY);

    const counts = [
      ...receivedPerChat(
        emulator,
        Array.from({ length: RECIPIENTS }, (_, i) => 100_000 + i),
      ).values(),
    ];
    const repeats = counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    console.info(
      `killed after ${beforeRestart} sends; ${started.recovered} in flight recovered; ${repeats} chats got it twice`,
    );
    expect(counts.every((n) => n >= 1)).toBe(true);
    expect(repeats).toBeLessThanOrEqual(started.recovered);
    expect(idle.progress).toMatchObject({ sent: RECIPIENTS, failed: 0 });

    second.child.kill("SIGTERM");
    await second.waitForLine(event("stopped"));
    expect(await second.exited).toBe(0);
    // Two process starts and a 400-send broadcast: under a loaded machine this outlasts the
    // default 30 s, so it gets the time its own waits allow.
  }, 90_000);
});
