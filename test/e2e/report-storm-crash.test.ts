import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { startTelegramEmulator } from "../../src/testing/telegram/index.js";
import { runCli } from "../support/cli.js";
import { person } from "../support/people.js";
import { deployedBot, type RunningProcess, startNode, tempDir } from "../support/processes.js";
import { playReportScript, telegramReportChat, WEEKLY_REPORT } from "./support/report-script.js";

/** Heads filing at once; each has a hamlet of his own (made by `units import`). */
const HEADS = 24;
const FIRST_USER_ID = 810_000;
const RECEIPT = /Đã nhận báo cáo tuần .* \(số (\d{4}-\d{2}-\d{4})\)/;

describe("kill -9 in a storm of weekly reports", () => {
  it("keeps every report a head got a receipt for, once, and the others finish after the restart", async () => {
    const telegram = await startTelegramEmulator({ rateLimits: false });
    const dataDir = await tempDir();
    const hamlets = Array.from({ length: HEADS }, (_, i) => `thuc-phan.bao-${i + 1}`);
    const csv = join(dataDir, "..", `storm-units-${Date.now()}.csv`);
    await writeFile(
      csv,
      [
        "id,name,kind,parent",
        ...hamlets.map((id, i) => `${id},Xóm Bão ${i + 1},hamlet,thuc-phan`),
      ].join("\n"),
    );
    expect((await runCli(["units", "import", csv], { DATA_DIR: dataDir })).code).toBe(0);
    const seed = await openLowStore(dataDir);
    for (const [i, hamlet] of hamlets.entries()) {
      const head = person(
        `storm-${i}`,
        hamlet,
        [],
        [{ role: "hamlet_head", unitId: hamlet, orgIds: [] }],
      );
      const identity = head.identities[0];
      if (identity) identity.chatId = String(FIRST_USER_ID + i);
      await seed.members.save(head);
    }
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
    const users = hamlets.map((_, i) =>
      telegram.user({ id: FIRST_USER_ID + i, firstName: `Trưởng xóm ${i + 1}` }),
    );
    const receipted = () =>
      users.filter((user) => user.chat().some((m) => m.from === "bot" && RECEIPT.test(m.text)));
    let killed = (): void => undefined;
    const afterKill = new Promise<void>((resolve) => {
      killed = resolve;
    });
    // Every head files at once; a head left waiting while the bot is down is answered after
    // the restart, since the updates the bot never confirmed are handed to it again. Half of
    // them hold their last answer (send) until after the kill, so the crash always finds
    // reports in the middle: heads in lockstep could otherwise all be sent before it.
    const file = async (user: (typeof users)[number], i: number) => {
      const chat = telegramReportChat(user, 60_000);
      if (i % 2 === 0) return playReportScript(chat, WEEKLY_REPORT);
      await playReportScript(chat, WEEKLY_REPORT.slice(0, -1));
      await afterKill;
      return playReportScript(chat, WEEKLY_REPORT.slice(-1));
    };
    try {
      const filing = Promise.allSettled(users.map(file));
      await new Promise<void>((resolve) => {
        const stop = telegram.onCall(() => {
          if (receipted().length < HEADS / 4) return;
          stop();
          resolve();
        });
      });
      bot.child.kill("SIGKILL");
      await bot.exited;
      killed();
      const beforeCrash = receipted().length;
      console.log(
        `report storm: ${beforeCrash} of ${HEADS} heads had a receipt when the bot was killed`,
      );
      bot = await start();
      const outcomes = await filing;
      expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    } finally {
      bot.child.kill("SIGTERM");
      await bot.exited;
      await telegram.close();
    }

    // The files load, and hold each hamlet's report once, under the receipt its head was shown.
    const store = await openLowStore(dataDir);
    try {
      const stored = await store.reports.listAll();
      for (const [i, hamlet] of hamlets.entries()) {
        const shown = (users[i]?.chat() ?? [])
          .map((m) => RECEIPT.exec(m.text)?.[1])
          .filter((n) => n !== undefined);
        const report = stored.find((r) => r.hamletId === hamlet);
        expect(report?.receipt, hamlet).toBeDefined();
        expect(new Set(shown), hamlet).toEqual(new Set([report?.receipt]));
        expect(await store.reports.history(hamlet, report?.week ?? ""), hamlet).toEqual([]);
      }
      expect((await store.reports.listAll()).length).toBe(HEADS);
    } finally {
      await store.close();
    }
  }, 180_000);
});
