import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { startTelegramEmulator, type TelegramUser } from "../../src/testing/telegram/index.js";
import { person } from "../support/people.js";
import { deployedBot, startNode, tempDir } from "../support/processes.js";

/**
 * Many members writing at once, to the real process (as `npm start` runs it) over the
 * Telegram emulator. `npm test` runs a small crowd for a few seconds; `LOAD_MEMBERS=1000
 * LOAD_SECONDS=60 npx vitest run test/e2e/load.test.ts` is the full load the README quotes.
 */
const MEMBERS = Number(process.env.LOAD_MEMBERS ?? 150);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 6);
const FIRST_USER_ID = 700_000;

/** The resident memory of a process, in MiB, as the kernel counts it. */
async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kib / 1024);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

describe("a crowd writing at once", () => {
  it(
    `answers every message of ${MEMBERS} members writing for ${SECONDS} s, once each, with memory sampled`,
    async () => {
      const telegram = await startTelegramEmulator({ rateLimits: false });
      const dataDir = await tempDir();
      const seed = await openLowStore(dataDir);
      for (let i = 0; i < MEMBERS; i++) {
        const member = person(
          `load-${i}`,
          "hung-dao.nam-phong-2",
          ["hoi-phu-nu"],
          [{ role: "member", unitId: "hung-dao.nam-phong-2", orgIds: ["hoi-phu-nu"] }],
        );
        const identity = member.identities[0];
        if (identity) identity.chatId = String(FIRST_USER_ID + i);
        await seed.members.save(member);
      }
      await seed.close();

      const bot = startNode(deployedBot(), [], {
        DATA_DIR: dataDir,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        QUIET_HOURS: "off",
        LOG_LEVEL: "warn",
      });
      try {
        await bot.waitForLine((line) => line === "ready", 60_000);
        const pid = bot.child.pid ?? 0;
        const samples: number[] = [await rssMiB(pid)];
        const sampler = setInterval(() => {
          void rssMiB(pid).then((mib) => samples.push(mib));
        }, 1000);

        const latencies: number[] = [];
        const sent = new Map<number, number>();
        const deadline = Date.now() + SECONDS * 1000;
        // Each member writes, waits for the answer, and writes again until the time is up.
        const writeUntilDeadline = async (user: TelegramUser) => {
          let count = 0;
          while (Date.now() < deadline) {
            const started = Date.now();
            user.command(count % 2 === 0 ? "/help" : "/mydata");
            count += 1;
            sent.set(user.id, count);
            await user.waitForReplies(1, 120_000);
            latencies.push(Date.now() - started);
          }
        };
        const users = Array.from({ length: MEMBERS }, (_, i) =>
          telegram.user({ id: FIRST_USER_ID + i, firstName: `Người ${i}` }),
        );
        const began = Date.now();
        await Promise.all(users.map(writeUntilDeadline));
        const elapsed = (Date.now() - began) / 1000;
        clearInterval(sampler);
        samples.push(await rssMiB(pid));

        // Nothing lost, nothing answered twice: each message has exactly its one answer.
        for (const user of users) {
          const chat = user.chat();
          const mine = chat.filter((m) => m.from === "user").length;
          const answers = chat.filter((m) => m.from === "bot").length;
          expect(mine).toBe(sent.get(user.id));
          expect(answers).toBe(mine);
        }
        expect(latencies.length).toBeGreaterThan(MEMBERS);

        const sorted = [...latencies].sort((a, b) => a - b);
        const third = Math.max(1, Math.floor(samples.length / 3));
        console.log(
          [
            `load: ${MEMBERS} members for ${SECONDS} s: ${latencies.length} messages answered, ${(latencies.length / elapsed).toFixed(0)} a second`,
            `load: answer time p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, p99 ${percentile(sorted, 99)} ms, longest ${sorted.at(-1)} ms`,
            `load: bot RSS MiB, one sample a second: ${samples.join(" ")}`,
            `load: RSS first third max ${Math.max(...samples.slice(0, third))} MiB, last third max ${Math.max(...samples.slice(-third))} MiB`,
          ].join("\n"),
        );
      } finally {
        bot.child.kill("SIGTERM");
        await bot.exited;
        await telegram.close();
      }
    },
    Math.max(120_000, SECONDS * 1000 * 4),
  );
});
