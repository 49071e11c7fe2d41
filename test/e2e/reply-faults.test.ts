import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { joined } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench | undefined;
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
    await official.whenHandled(status.updateId);
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
});
