import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { joined } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

let bench: TelegramBench | ZaloBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

/** Every line the bot logs, kept in memory. */
function logCollector(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe("a reply through Telegram's faults", () => {
  it("a reply refused with 429 after every retry arrives later, once and in order, without an apology", async () => {
    const logs = logCollector();
    bench = await startTelegramBench({ logger: createLogger("info", logs.stream) });
    const e = bench.emulator;
    const official = await joined(
      bench,
      { code: "ACDEFG", roles: ["official"], unitId: "thuc-phan", name: "Cán bộ Lan" },
      { id: 3001, firstName: "Lan" },
    );
    const joinedWith = official.chat().length;

    // Every text to anyone is refused with a 429 for now: grammY waits out three, then gives up.
    e.configureFaults({ methods: ["sendMessage"], tooManyRequests: 1, retryAfterSeconds: 1 });
    const status = official.command("/status");
    // Once the bot took its next update, the answer (a text, then a chart) is all handed over:
    // the chart, which Telegram would take, waits behind the refused text.
    await official.whenHandled(status.updateId, 30_000);
    expect(
      official
        .chat()
        .slice(joinedWith)
        .filter((m) => m.from === "bot"),
    ).toEqual([]);
    const refused = (line: string) => line.includes("reply not sent");

    e.configureFaults({ tooManyRequests: 0 });
    const [text, chart] = await official.waitForReplies(2, 30_000);
    expect(text?.text).toContain("Phường Thục Phán — tuần 23/11 – 29/11/2026");
    expect(chart?.photo).toBeDefined();
    await bench.app.delivery.whenIdle();
    const answers = official
      .chat()
      .slice(joinedWith)
      .filter((m) => m.from === "bot");
    expect(answers.map((m) => m.messageId)).toEqual([text?.messageId, chart?.messageId]);
    expect(answers.some((m) => m.text.includes("trục trặc"))).toBe(false);

    const line = logs.lines.find(refused) ?? "";
    expect(line).toContain("429, retry after 1 s");
    expect(logs.lines.filter((l) => l.includes("unexpected error"))).toEqual([]);
  }, 60_000);

  it("a reply cut by a connection reset is queued at once, and arrives once", async () => {
    const logs = logCollector();
    bench = await startTelegramBench({ logger: createLogger("info", logs.stream) });
    const e = bench.emulator;
    const mai = await joined(
      bench,
      { code: "MAINPH", roles: ["member"], unitId: "hung-dao.nam-phong-2", name: "Nông Thị Mai" },
      { firstName: "Mai" },
    );
    e.configureFaults({ methods: ["sendMessage"], resetBeforeSend: 1 });
    const hello = mai.send("xin chào");
    await mai.whenHandled(hello.updateId, 30_000);
    e.configureFaults({ resetBeforeSend: 0 });
    const answer = await mai.waitForBotMessage(undefined, 30_000);
    await bench.app.delivery.whenIdle();
    const after = mai.chat().slice(mai.chat().findIndex((m) => m.text === "xin chào") + 1);
    expect(after.map((m) => m.messageId)).toEqual([answer.messageId]);
    expect(answer.text).not.toContain("trục trặc");
    expect(logs.lines.some((l) => l.includes("reply not sent"))).toBe(true);
    expect(logs.lines.filter((l) => l.includes("unexpected error"))).toEqual([]);
  }, 60_000);
});

describe("replies to one person's messages, one of them queued", () => {
  it("a reply to a later message waits behind an earlier reply still queued, then both arrive in order", async () => {
    bench = await startTelegramBench();
    const e = bench.emulator;
    const an = await joined(
      bench,
      { code: "ACDEFK", roles: ["member"], unitId: "thuc-phan", name: "Hội viên An" },
      { id: 4201, firstName: "An" },
    );
    const joinedWith = an.chat().length;
    const fromBot = () =>
      an
        .chat()
        .slice(joinedWith)
        .filter((m) => m.from === "bot");
    // The outbox holds what it is given until started again: the queued reply stays queued.
    await bench.app.delivery.stop();

    e.configureFaults({ methods: ["sendMessage"], serverError: 1 });
    const help = an.command("/help");
    await an.whenHandled(help.updateId, 30_000);
    // The platform is back, but the answer to /help still waits in the outbox.
    e.configureFaults({ serverError: 0 });
    const myData = an.command("/mydata");
    await an.whenHandled(myData.updateId, 30_000);
    expect(fromBot()).toEqual([]);

    await bench.app.delivery.start();
    await an.waitForReplies(2, 30_000);
    await bench.app.delivery.whenIdle();
    expect(fromBot().map((m) => m.text)).toEqual([
      expect.stringContaining("Các việc anh/chị có thể làm"),
      expect.stringContaining("Những thông tin trợ lý đang lưu về anh/chị"),
    ]);
  }, 60_000);
});

describe("a reply through Zalo's faults", () => {
  it("a reply refused with a 500 after every retry arrives later, once, without an apology", async () => {
    const logs = logCollector();
    const b = await startZaloBench({ logger: createLogger("info", logs.stream) });
    bench = b;
    await b.invite({ code: "K7PM3Q", roles: ["member"], unitId: "hung-dao.nam-phong-2" });
    const minh = b.emulator.user({ displayName: "Minh" });
    await minh.send("K7PM3Q");
    await minh.waitForBotMessage();
    const before = minh.chat().length;

    // The first try and the reply's three retries all fail; the outbox's try goes through.
    b.emulator.injectFault({ kind: "server-error", method: "sendMessage", times: 4 });
    await minh.send("xin chào");
    const answer = await minh.waitForBotMessage(undefined, 30_000);
    await b.app.delivery.whenIdle();
    const answers = minh
      .chat()
      .slice(before)
      .filter((m) => m.from === "bot");
    expect(answers).toHaveLength(1);
    expect(answer.text).not.toContain("trục trặc");
    const refused = logs.lines.find((l) => l.includes("reply not sent")) ?? "";
    expect(refused).toContain("the platform answered 500");
    expect(logs.lines.filter((l) => l.includes("unexpected error"))).toEqual([]);
  }, 60_000);
});
