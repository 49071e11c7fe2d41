import { afterEach, describe, expect, it, vi } from "vitest";
import { openDataDir } from "../../src/bootstrap.js";
import { CHANNEL_ADAPTERS } from "../../src/channels/registry.js";
import { parseConfig } from "../../src/config.js";
import { Outbox } from "../../src/delivery/outbox.js";
import type { BroadcastDraft } from "../../src/domain/broadcast.js";
import { createBroadcasting } from "../../src/features/broadcasting/broadcasting.js";
import { createI18n } from "../../src/i18n.js";
import { silentLogger } from "../../src/logger.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/testing/telegram/index.js";
import { deployedBot, type RunningProcess, startNode, tempDir } from "../support/processes.js";
import {
  campaign,
  FIRST_RECIPIENT,
  reportNumbers,
  telegramMember,
} from "./support/broadcast-bench.js";

const RECIPIENTS = 2000;
const AUTHOR_CHAT = 1001;

let emulator: TelegramEmulator | undefined;
const children: RunningProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.child.kill("SIGKILL");
  await emulator?.close();
});

/** A data folder where a broadcast to `recipients` members was approved and queued, nothing sent yet. */
async function queuedBroadcast(
  e: TelegramEmulator,
  recipients = RECIPIENTS,
  schedule: BroadcastDraft["schedule"] = { kind: "now" },
): Promise<string> {
  const dataDir = await tempDir("chung-suc-broadcast-crash-");
  const config = parseConfig({
    DATA_DIR: dataDir,
    BROADCAST_APPROVAL: "off",
    QUIET_HOURS: "off",
  });
  const opened = await openDataDir(config, "owner");
  const store = opened.store;
  const author = telegramMember(
    "author",
    AUTHOR_CHAT,
    "thuc-phan",
    [],
    [{ role: "broadcaster", unitId: "thuc-phan", orgIds: ["hoi-phu-nu"] }],
  );
  const members = Array.from({ length: recipients }, (_, i) =>
    telegramMember(`m${i}`, FIRST_RECIPIENT + i, "hung-dao.nam-phong-2", ["hoi-phu-nu"]),
  );
  await store.members.saveMany([author, ...members]);
  e.user({ id: AUTHOR_CHAT, firstName: "Tác giả" });
  for (let i = 0; i < recipients; i++) e.user({ id: FIRST_RECIPIENT + i, firstName: `H${i}` });
  const now = () => new Date();
  const deps = {
    config,
    store,
    i18n: createI18n("vi"),
    logger: silentLogger(),
    now,
    random: Math.random,
    photos: {},
    filesShown: {},
    channels: CHANNEL_ADAPTERS,
  };
  const outbox = new Outbox({ store, now, quietHours: null, timeZone: config.timeZone });
  const result = await createBroadcasting(deps, outbox).submit(
    author,
    campaign("Cả xã ra quân làm đường giao thông nông thôn sáng Chủ nhật.", { schedule }),
  );
  expect(result.ok).toBe(true);
  if (schedule.kind === "now") {
    expect(result.ok && result.broadcast.runs[0]?.recipients).toBe(recipients);
  }
  await opened.close();
  return dataDir;
}

function bot(dataDir: string, e: TelegramEmulator, rate = 900): RunningProcess {
  const child = startNode(deployedBot(), [], {
    DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: e.token,
    TELEGRAM_API_ROOT: e.apiRoot,
    TELEGRAM_RATE: String(rate),
    QUIET_HOURS: "off",
    BROADCAST_APPROVAL: "off",
    RETRY_BASE_MS: "20",
    LOG_LEVEL: "info",
  });
  children.push(child);
  return child;
}

describe("a broadcast across a crash of the bot", () => {
  it("after SIGKILL mid-broadcast of 2,000 and a restart, everyone has it, repeats at most the logged in-flight count", async () => {
    emulator = await startTelegramEmulator({ rateLimits: { bulk: { perSecond: 1000 } } });
    const e = emulator;
    const dataDir = await queuedBroadcast(e);
    const chats = Array.from({ length: RECIPIENTS }, (_, i) => FIRST_RECIPIENT + i);
    const toRecipients = () =>
      e
        .calls({ method: "sendMessage", outcome: "ok" })
        .filter((c) => Number(c.chatId) >= FIRST_RECIPIENT);

    const first = bot(dataDir, e);
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 400, 60_000);
    first.child.kill("SIGKILL");
    await first.exited;
    const beforeRestart = toRecipients().length;
    expect(beforeRestart).toBeLessThan(RECIPIENTS);

    const second = bot(dataDir, e);
    const author = e.user({ id: AUTHOR_CHAT, firstName: "Tác giả" });
    const report = await author.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 90_000);
    const recoveredLine = second.stderr.find((line) => line.includes('"recovered":'));
    const recovered = Number(/"recovered":(\d+)/.exec(recoveredLine ?? "")?.[1] ?? Number.NaN);

    const perChat = new Map(chats.map((chat) => [chat, 0]));
    for (const call of toRecipients()) {
      const chat = Number(call.chatId);
      perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
    }
    const counts = [...perChat.values()];
    const repeats = counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    console.info(
      `killed after ${beforeRestart} of ${RECIPIENTS}; ${recovered} in flight taken back; ${repeats} got it twice`,
    );
    expect(counts.every((n) => n >= 1)).toBe(true);
    expect(repeats).toBeLessThanOrEqual(recovered);
    expect(reportNumbers(report.text)).toMatchObject({ sent: RECIPIENTS, failed: 0, blocked: 0 });

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 180_000);
});

/** A number the bot logged as JSON field `field` in a line of `lines`. */
function loggedNumber(lines: readonly string[], field: string): number {
  const pattern = new RegExp(`"${field}":(\\d+)`);
  const line = lines.find((l) => pattern.test(l));
  return Number(pattern.exec(line ?? "")?.[1] ?? Number.NaN);
}

describe("a broadcast across a crash of the bot, at a slow pace", () => {
  it("claims only what goes out within a second, so a crash takes back and repeats only a handful", async () => {
    const recipients = 150;
    const rate = 10;
    emulator = await startTelegramEmulator({ rateLimits: false });
    const e = emulator;
    const dataDir = await queuedBroadcast(e, recipients);
    const chats = Array.from({ length: recipients }, (_, i) => FIRST_RECIPIENT + i);
    const toRecipients = () =>
      e
        .calls({ method: "sendMessage", outcome: "ok" })
        .filter((c) => Number(c.chatId) >= FIRST_RECIPIENT);

    const first = bot(dataDir, e, rate);
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 30, 60_000);
    first.child.kill("SIGKILL");
    await first.exited;
    const bound = loggedNumber(first.stderr, "inFlightBound");
    expect(bound).toBe(rate);

    const second = bot(dataDir, e, rate * 10);
    const author = e.user({ id: AUTHOR_CHAT, firstName: "Tác giả" });
    const report = await author.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 90_000);
    const recovered = loggedNumber(second.stderr, "recovered");
    const perChat = chats.map(
      (chat) => toRecipients().filter((call) => Number(call.chatId) === chat).length,
    );
    const repeats = perChat.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    console.info(
      `at ${rate} msg/s: ${recovered} in flight taken back (bound ${bound}); ${repeats} got it twice`,
    );
    expect(perChat.every((n) => n >= 1)).toBe(true);
    expect(recovered).toBeLessThanOrEqual(bound);
    expect(repeats).toBeLessThanOrEqual(recovered);
    expect(reportNumbers(report.text)).toMatchObject({ sent: recipients, failed: 0 });

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 180_000);
});

describe("a recall across a crash of the bot", () => {
  it("after SIGKILL mid-recall and a restart, every message is gone and the author told once", async () => {
    const count = 200;
    emulator = await startTelegramEmulator({ rateLimits: false });
    const e = emulator;
    const dataDir = await queuedBroadcast(e, count);
    const author = e.user({ id: AUTHOR_CHAT, firstName: "Tác giả" });
    const first = bot(dataDir, e);
    await author.waitForBotMessage((m) => m.text.startsWith("Đã gửi xong"), 60_000);
    // Slow deletions, so the crash comes with some done and some not.
    e.configureFaults({ methods: ["deleteMessage"], slow: 1, slowMs: 20 });
    author.command("/broadcasts");
    const list = await author.waitForBotMessage((m) => m.text.includes("Các tin gần đây"));
    author.press(list.messageId, "Thu hồi tin 1");
    const confirm = await author.waitForBotMessage((m) => m.text.includes("chắc chắn"));
    author.press(confirm.messageId, "Thu hồi");
    await e.waitForCalls({ method: "deleteMessage", outcome: "ok" }, 20, 60_000);
    first.child.kill("SIGKILL");
    await first.exited;
    const beforeRestart = e.calls({ method: "deleteMessage", outcome: "ok" }).length;
    expect(beforeRestart).toBeLessThan(count);

    const second = bot(dataDir, e);
    const recalled = (m: { text: string }) => m.text.startsWith("Đã thu hồi");
    const done = await author.waitForBotMessage(recalled, 90_000);
    expect(done.text).toContain(`khỏi ${count} cuộc trò chuyện. Không thu hồi được: 0`);
    const chats = Array.from({ length: count }, (_, i) => FIRST_RECIPIENT + i);
    expect(chats.filter((chat) => e.chat(chat).some((m) => m.from === "bot"))).toEqual([]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(author.chat().filter(recalled)).toHaveLength(1);
  }, 180_000);
});

describe("a scheduled broadcast across a crash at its tick", () => {
  it("after SIGKILL just as the minute's tick starts it and a restart, it runs once: everyone has it, the author is told once", async () => {
    const recipients = 300;
    emulator = await startTelegramEmulator({ rateLimits: false });
    const e = emulator;
    // The next minute's tick, far enough ahead that the bot is up and idle before it.
    const tick = new Date(Math.ceil((Date.now() + 15_000) / 60_000) * 60_000);
    const dataDir = await queuedBroadcast(e, recipients, { kind: "at", at: tick.toISOString() });
    const chats = Array.from({ length: recipients }, (_, i) => FIRST_RECIPIENT + i);
    const author = e.user({ id: AUTHOR_CHAT, firstName: "Tác giả" });

    const first = bot(dataDir, e, 50);
    // Up and caught up (the broadcasts job ran for this minute): nothing was due yet.
    await vi.waitFor(
      () => expect(first.stderr.some((line) => line.includes('"job":"broadcasts"'))).toBe(true),
      { timeout: 30_000, interval: 50 },
    );
    expect(e.calls({ method: "sendMessage", outcome: "ok" })).toEqual([]);
    // The tick: the run is recorded, its sends queued, the first few go out, and then the kill.
    await e.waitForCalls({ method: "sendMessage", outcome: "ok" }, 5, 90_000);
    first.child.kill("SIGKILL");
    await first.exited;

    const second = bot(dataDir, e);
    const done = (m: { text: string }) => m.text.startsWith("Đã gửi xong");
    const report = await author.waitForBotMessage(done, 90_000);
    const recovered = loggedNumber(second.stderr, "recovered");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    const perChat = chats.map(
      (chat) =>
        e.calls({ method: "sendMessage", outcome: "ok" }).filter((c) => Number(c.chatId) === chat)
          .length,
    );
    const repeats = perChat.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    console.info(`killed at the tick; ${recovered} in flight taken back; ${repeats} got it twice`);
    expect(perChat.every((n) => n >= 1)).toBe(true);
    expect(repeats).toBeLessThanOrEqual(recovered);
    expect(reportNumbers(report.text)).toMatchObject({ sent: recipients, failed: 0 });
    expect(author.chat().filter(done)).toHaveLength(1);
    expect(author.chat().filter((m) => m.text.startsWith("Bắt đầu gửi"))).toHaveLength(1);

    // The data files load, and they hold one run of the broadcast.
    const store = await openLowStore(dataDir);
    const [broadcast] = await store.broadcasts.listInStates(["scheduled", "sending", "sent"]);
    expect(broadcast?.runs).toHaveLength(1);
    await store.close();
  }, 240_000);
});
