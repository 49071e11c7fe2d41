import { afterEach, describe, expect, it } from "vitest";
import { joined } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

describe("several people writing at once", () => {
  it("answers one member while another's answer is stuck, and each member's quick messages in order", async () => {
    bench = await startTelegramBench();
    const e = bench.emulator;
    const an = await joined(
      bench,
      { code: "ACDEFG", roles: ["member"], unitId: "thuc-phan", name: "Hội viên An" },
      { id: 4201, firstName: "An" },
    );
    const binh = await joined(
      bench,
      { code: "ACDEFH", roles: ["member"], unitId: "thuc-phan", name: "Hội viên Bình" },
      { id: 4202, firstName: "Bình" },
    );

    // An's answer cannot get through (her connection is stuck); Bình, writing just after
    // her, is answered all the same, and An is once it clears.
    e.holdChat(4201);
    const anBefore = an.chat().length;
    an.send("/help");
    binh.send("/help");
    expect((await binh.waitForReplies(1, 20_000))[0]?.text).toContain("Các việc anh/chị");
    expect(an.chat().length).toBe(anBefore + 1);
    e.releaseChat(4201);
    expect((await an.waitForReplies(1, 20_000))[0]?.text).toContain("Các việc anh/chị");

    // Three messages in a row, sent before any is answered: each is handled after the one
    // before it, so the help comes in the language just chosen, and the last switch holds.
    e.holdChat(4202);
    binh.command("/lang en");
    binh.command("/help");
    binh.command("/lang vi");
    e.releaseChat(4202);
    const answers = (await binh.waitForReplies(3, 20_000)).map((m) => m.text);
    expect(answers).toEqual([
      "Switched to English.",
      expect.stringContaining("What you can do"),
      "Đã chuyển sang tiếng Việt.",
    ]);
  }, 120_000);
});
