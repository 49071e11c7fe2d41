import { afterEach, describe, expect, it } from "vitest";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { person } from "../support/people.js";
import { tempDir } from "../support/processes.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

const PEOPLE = 30;
/** Telegram's overall limit in the emulator, a second's sends over a sliding window. */
const LIMIT = 10;
/**
 * The bot's rate, with the margin an operator leaves: at exactly the limit, a loaded machine
 * can delay one answer and let the next ones arrive bunched within a window.
 */
const RATE = 6;
const FIRST_USER_ID = 830_000;

let bench: TelegramBench | undefined;
afterEach(async () => {
  await bench?.stop();
  bench = undefined;
});

describe("answers to many people at once", () => {
  it(`keep the bot's rate on the platform: ${PEOPLE} people writing at once, no 429`, async () => {
    const dataDir = await tempDir();
    const seed = await openLowStore(dataDir);
    for (let i = 0; i < PEOPLE; i++) {
      const member = person(`paced-${i}`, "hung-dao.nam-phong-2", [], []);
      const identity = member.identities[0];
      if (identity) identity.chatId = String(FIRST_USER_ID + i);
      await seed.members.save(member);
    }
    await seed.close();
    // A chat's own limit is not tried here: each person gets one answer.
    bench = await startTelegramBench({
      dataDir,
      env: { TELEGRAM_RATE: String(RATE) },
      emulator: { rateLimits: { bulk: { perSecond: LIMIT }, perChat: false } },
    });
    const people = Array.from({ length: PEOPLE }, (_, i) =>
      bench?.emulator.user({ id: FIRST_USER_ID + i, firstName: `Người ${i}` }),
    );
    for (const someone of people) someone?.command("/help");
    const answers = await Promise.all(people.map((someone) => someone?.waitForReplies(1, 30_000)));

    expect(answers.every((replies) => replies?.[0]?.text.includes("/mydata"))).toBe(true);
    const refused = bench.emulator.calls({ outcome: "429" });
    expect(refused.map((call) => call.method)).toEqual([]);
  }, 60_000);
});
