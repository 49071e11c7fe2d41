import { describe, expect, it } from "vitest";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { startTelegramEmulator } from "../../src/testing/telegram/index.js";
import { person } from "../support/people.js";
import { deployedBot, type RunningProcess, startNode, tempDir } from "../support/processes.js";
import { say } from "./support/chat-steps.js";
import { playReportScript, telegramReportChat, WEEKLY_REPORT } from "./support/report-script.js";

const HEAD_ID = 820_001;
const HAMLET = "thuc-phan";
const RECEIPT = /Đã nhận báo cáo tuần .* \(số (\d{4}-\d{2}-\d{4})\)/;

describe("kill -9 while an answer is being handled", () => {
  it("takes an answer once after the restart, and files the report once under the receipt shown", async () => {
    const telegram = await startTelegramEmulator({ rateLimits: false });
    const dataDir = await tempDir();
    const seed = await openLowStore(dataDir);
    const head = person(
      "crash-head",
      HAMLET,
      [],
      [{ role: "hamlet_head", unitId: HAMLET, orgIds: [] }],
    );
    const identity = head.identities[0];
    if (identity) identity.chatId = String(HEAD_ID);
    await seed.members.save(head);
    await seed.close();

    const env = {
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      QUIET_HOURS: "off",
      LOG_LEVEL: "warn",
    };
    const start = async () => {
      const bot = startNode(deployedBot(), [], env);
      await bot.waitForLine((line) => line === "ready", 60_000);
      return bot;
    };
    let bot: RunningProcess = await start();
    let shown: string | undefined;
    const user = telegram.user({ id: HEAD_ID, firstName: "Trưởng thôn" });
    const chat = telegramReportChat(user, 60_000);
    const [open, pick, firstNumber, ...rest] = WEEKLY_REPORT;
    if (!open || !pick || firstNumber?.do !== "type") throw new Error("unexpected script");
    try {
      await playReportScript(chat, [open, pick]);
      // The first number is taken and the draft moved on, but the next question cannot get
      // out: the bot dies right there, before it has said anything or marked the update.
      telegram.holdChat(HEAD_ID);
      const answered = say(user, firstNumber.text, 60_000);
      await telegram.waitForHeldCalls(HEAD_ID, 1, 30_000);
      bot.child.kill("SIGKILL");
      await bot.exited;
      telegram.releaseChat(HEAD_ID);

      // Telegram hands the update out again: the question it led to is asked, not answered.
      bot = await start();
      const next = (await answered).text;
      expect(next).not.toContain("Đã nhận");
      const send = rest.pop();
      if (send?.do !== "choose") throw new Error("unexpected script");
      await playReportScript(chat, rest);

      // Sending: the report is filed, and the bot dies before the receipt gets out.
      const held = telegram.heldCalls(HEAD_ID);
      telegram.holdChat(HEAD_ID);
      const receipt = chat.choose(send.label);
      await telegram.waitForHeldCalls(HEAD_ID, held + 1, 30_000);
      bot.child.kill("SIGKILL");
      await bot.exited;
      telegram.releaseChat(HEAD_ID);
      bot = await start();
      // The press comes again: the same receipt, for the report filed once.
      shown = RECEIPT.exec(await receipt)?.[1];
    } finally {
      bot.child.kill("SIGTERM");
      await bot.exited;
      await telegram.close();
    }

    const store = await openLowStore(dataDir);
    try {
      const [report, ...more] = await store.reports.listAll();
      expect(more).toEqual([]);
      expect(shown).toBeDefined();
      expect(report?.receipt).toBe(shown);
      expect(report?.values).toMatchObject({ roadConcretedM: 1200, landDonatedM2: 300 });
      expect(report?.criteriaClaimed).toHaveLength(2);
      expect(await store.reports.history(HAMLET, report?.week ?? "")).toEqual([]);
    } finally {
      await store.close();
    }
  }, 180_000);
});
