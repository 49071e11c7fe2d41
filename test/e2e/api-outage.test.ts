import { afterEach, describe, expect, it } from "vitest";
import { SENDING_METHODS } from "../../src/testing/telegram/index.js";
import { joined } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

/**
 * The Bot API answering nothing but 5xx, polling included, then back. `npm test` holds the
 * outage until the bot has tried a few times; `OUTAGE_SECONDS=120` holds it two minutes more.
 */
const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 0) * 1000;

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

describe("the Bot API down, then back", () => {
  it("answers what people wrote meanwhile, in order, and delivers what was queued, each once", async () => {
    bench = await startTelegramBench();
    const e = bench.emulator;
    const an = await joined(
      bench,
      { code: "ACDEFG", roles: ["member"], unitId: "thuc-phan", name: "Hội viên An" },
      { id: 4101, firstName: "An" },
    );
    const binh = await joined(
      bench,
      { code: "ACDEFH", roles: ["member"], unitId: "thuc-phan", name: "Hội viên Bình" },
      { id: 4102, firstName: "Bình" },
    );
    const [anMember] = await bench.app.deps.store.members.membersOfChat("telegram", "4101");
    if (!anMember) throw new Error("An did not join");
    const seenBefore = { an: an.chat().length, binh: binh.chat().length };

    e.configureFaults({ methods: [...SENDING_METHODS, "getUpdates"], serverError: 1 });
    an.send("/help");
    an.send("/mydata");
    binh.send("/help");
    await bench.app.outbox.enqueueMany(
      [1, 2, 3].map((n) => ({
        key: `outage:${n}`,
        purpose: "outage",
        memberId: anMember.id,
        message: { text: `Tin số ${n}` },
      })),
    );
    // Down until the bot has been refused on both sides a few times (and longer if asked).
    await e.waitForCalls({ method: "getUpdates", outcome: "5xx" }, 3, 60_000);
    await e.waitForCalls({ method: "sendMessage", outcome: "5xx" }, 3, 60_000);
    if (OUTAGE_MS > 0) await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    e.configureFaults({ serverError: 0 });

    // Back: each of An's messages is answered once, in the order she wrote them, and the
    // queued messages arrive once each, in the order queued.
    const arrived = (await an.waitForReplies(5, 120_000)).map((m) => m.text);
    // Each queued message once, in the order queued though queued at the same instant.
    expect(arrived.filter((text) => text.startsWith("Tin số"))).toEqual([
      "Tin số 1",
      "Tin số 2",
      "Tin số 3",
    ]);
    const answers = arrived.filter((text) => !text.startsWith("Tin số"));
    expect(answers).toEqual([
      expect.stringContaining("Các việc anh/chị có thể làm"),
      expect.stringContaining("Những thông tin trợ lý đang lưu về anh/chị"),
    ]);
    expect((await binh.waitForReplies(1, 120_000))[0]?.text).toContain("Các việc anh/chị");
    // Once each: nothing more came to either of them.
    const fromBot = (chat: { from: string }[]) => chat.filter((m) => m.from === "bot").length;
    expect(fromBot(an.chat().slice(seenBefore.an))).toBe(5);
    expect(fromBot(binh.chat().slice(seenBefore.binh))).toBe(1);
  }, 300_000);
});
