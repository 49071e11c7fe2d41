import { type FSWatcher, watch } from "node:fs";
import { mkdir, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { startTelegramEmulator } from "../../src/testing/telegram/index.js";
import { jsonOf, runCli } from "../support/cli.js";
import { person } from "../support/people.js";
import { compiled, deployedBot, startNode, tempDir } from "../support/processes.js";

const MEMBERS = 1000;
const PHOTOS = 800;
const ROTATED = /^chung-suc-.*\.json$/;

describe("kill -9 during a backup", () => {
  it("leaves no half backup to be taken for the newest; the data loads and the next backup is whole", async () => {
    const telegram = await startTelegramEmulator({ rateLimits: false });
    const dataDir = await tempDir();
    const seed = await openLowStore(dataDir);
    for (let i = 0; i < MEMBERS; i++) await seed.members.save(person(`b-${i}`, "thuc-phan", []));
    for (let i = 0; i < PHOTOS; i++) {
      await seed.files.put(`reports/r-${i}/p.jpg`, {
        bytes: new Uint8Array([0xff, 0xd8, i % 256]),
        mimeType: "image/jpeg",
      });
    }
    await seed.close();
    const env = {
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      LOG_LEVEL: "warn",
    };
    const backups = join(dataDir, "backups");

    let bot = startNode(deployedBot(), [], env);
    let watcher: FSWatcher | undefined;
    try {
      await bot.waitForLine((line) => line === "ready", 60_000);
      // The bot's own first backup may not have made the folder yet; the watch needs it now.
      await mkdir(backups, { recursive: true });
      const cli = startNode(compiled("src/cli/main.js"), ["backup"], { DATA_DIR: dataDir });
      // The moment the kept files are being linked: the snapshot is written, the backup not done.
      await new Promise<void>((resolve) => {
        const look = (name: string | null) => {
          if (!name?.includes(".files.")) return;
          bot.child.kill("SIGKILL");
          cli.child.kill("SIGKILL");
          resolve();
        };
        watcher = watch(backups, (_event, name) => look(name));
      });
      await Promise.all([bot.exited, cli.exited]);
      watcher?.close();

      // What the crash left is not a backup an admin would restore: every backup there (the
      // one the bot made at its first start) has its files beside it.
      const left = await readdir(backups);
      for (const name of left.filter((n) => ROTATED.test(n))) {
        expect(left, name).toContain(name.replace(/\.json$/, ".files"));
      }

      // The data loads: the bot starts again.
      bot = startNode(deployedBot(), [], env);
      await bot.waitForLine((line) => line === "ready", 60_000);
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
    } finally {
      watcher?.close();
      bot.child.kill("SIGKILL");
      await telegram.close();
    }

    // The next backup is whole, clears away what the crash left, and restores everything.
    const next = await runCli(["backup", "--json"], { DATA_DIR: dataDir });
    expect(next.code).toBe(0);
    const after = await readdir(backups);
    const rotated = after.filter((name) => ROTATED.test(name)).sort();
    expect(after.sort()).toEqual(
      rotated.flatMap((name) => [name, name.replace(/\.json$/, ".files")]).sort(),
    );
    const newest = jsonOf<{ file: string }>(next).file;
    const restoredDir = join(await tempDir(), "data");
    const restored = await runCli(["restore", newest], {
      DATA_DIR: restoredDir,
    });
    expect(restored.code).toBe(0);
    const members = await runCli(["members", "list", "--json"], { DATA_DIR: restoredDir });
    expect(jsonOf<{ members: unknown[] }>(members).members).toHaveLength(MEMBERS);
    const photo = await stat(join(restoredDir, "files", "reports", `r-${PHOTOS - 1}`, "p.jpg"));
    expect(photo.isFile()).toBe(true);
  }, 180_000);
});
