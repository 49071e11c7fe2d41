import { execFile } from "node:child_process";
import { mkdir, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openLowStore } from "../src/store/lowdb/lowdb-store.js";
import { startTelegramEmulator } from "../src/testing/telegram/index.js";
import { startZaloEmulator } from "../src/testing/zalo/index.js";
import { jsonOf, runCli } from "./support/cli.js";
import { compiled, deployedBot, startNode, tempDir } from "./support/processes.js";

describe("npm start", () => {
  it("without a token exits non-zero saying which variables to set and how to try the demo and the sandbox", async () => {
    const started = startNode(deployedBot(), [], {
      DATA_DIR: await tempDir(),
      TELEGRAM_BOT_TOKEN: "",
      ZALO_BOT_TOKEN: "",
    });
    expect(await started.exited).not.toBe(0);
    const said = started.stderr.join("\n");
    expect(said).toContain("TELEGRAM_BOT_TOKEN");
    expect(said).toContain("ZALO_BOT_TOKEN");
    expect(said).toContain("npm run demo");
    expect(said).toContain("npm run sandbox");
  });

  it("on data files, loads no PostgreSQL client before its first answer", async () => {
    // `pg` takes about 60 ms to import: a bot that never opens a database must not pay it.
    const app = pathToFileURL(compiled("src/app.js")).href;
    const script = `
      import { createRequire } from "node:module";
      await import(${JSON.stringify(app)});
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(loaded.some((file) => file.includes("/node_modules/pg/")));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--input-type=module",
      "-e",
      script,
    ]);
    expect(stdout.trim()).toBe("false");
  });

  it("with a bad setting exits non-zero naming the variable", async () => {
    const started = startNode(deployedBot(), [], {
      DATA_DIR: await tempDir(),
      TELEGRAM_BOT_TOKEN: "123:abc",
      PORT: "eighty",
    });
    expect(await started.exited).not.toBe(0);
    expect(started.stderr.join("\n")).toContain("PORT");
  });

  it("on PostgreSQL without webhooks exits non-zero saying to set PUBLIC_URL, before touching the database", async () => {
    const started = startNode(deployedBot(), [], {
      DATA_DIR: await tempDir(),
      TELEGRAM_BOT_TOKEN: "123:abc",
      // Nothing listens here: the refusal must come before any connection is tried.
      DATABASE_URL: "postgres://bot@127.0.0.1:9/chung_suc",
      PUBLIC_URL: "",
      DEFAULT_LOCALE: "en",
    });
    expect(await started.exited).toBe(1);
    const said = started.stderr.join("\n");
    expect(said).toContain("DATABASE_URL is set");
    expect(said).toContain("PUBLIC_URL and WEBHOOK_SECRET");
  });
});

describe("npm start on a damaged data file", () => {
  it("stops naming the file and the newest backup, and its steps bring the data back", async () => {
    const dataDir = join(await tempDir(), "data");
    const before = await runCli(
      [
        "members",
        "add",
        "--name",
        "Hoàng Văn Thắng",
        "--unit",
        "hung-dao.nam-phong-2",
        "--roles",
        "member",
      ],
      {
        DATA_DIR: dataDir,
      },
    );
    expect(before.code).toBe(0);
    expect((await runCli(["backup"], { DATA_DIR: dataDir })).code).toBe(0);
    // A disk fault: one members file is cut short.
    const membersDir = join(dataDir, "db", "members");
    const damaged = join(
      membersDir,
      (await readdir(membersDir)).find((f) => f.endsWith(".json")) ?? "",
    );
    await writeFile(damaged, '{"records": [{"id": "m0');

    const started = startNode(deployedBot(), [], {
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: "123456:abcdef",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9",
    });
    expect(await started.exited).toBe(1);
    const said = started.stderr.join("\n");
    expect(said).toContain(`Tệp dữ liệu ${damaged} bị hỏng`);
    expect(said).toContain(`Bản sao lưu mới nhất: ${join(dataDir, "backups")}`);
    const command = /DATA_DIR=(\S+) npm run cli -- restore (\S+)/.exec(said);
    if (!command?.[1] || !command[2]) throw new Error(`no restore command in:\n${said}`);

    // Follow the advice as printed.
    await rename(dataDir, `${dataDir}.damaged`);
    const restored = await runCli(["restore", command[2]], { DATA_DIR: command[1] });
    expect(restored.code).toBe(0);
    const list = await runCli(["members", "list", "--json"], { DATA_DIR: dataDir });
    expect(jsonOf<{ members: Array<{ name: string }> }>(list).members.map((m) => m.name)).toEqual([
      "Hoàng Văn Thắng",
    ]);
  });
});

describe("npm start on a damaged file read after the first answers", () => {
  it("stops naming the file, as at start, once it reads it", async () => {
    const telegram = await startTelegramEmulator({ rateLimits: false });
    const dataDir = await tempDir();
    try {
      // Reports are read after the channels start; one week's file is cut short.
      const reportsDir = join(dataDir, "db", "reports");
      await mkdir(reportsDir, { recursive: true });
      const damaged = join(reportsDir, "2026-W48.json");
      await writeFile(damaged, '{"docs": {"hung-dao.da-quan@2026-W48": {"id": "h');

      const bot = startNode(deployedBot(), [], {
        DATA_DIR: dataDir,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        LOG_LEVEL: "warn",
      });
      expect(await bot.exited).toBe(1);
      expect(bot.stderr.join("\n")).toContain(`Tệp dữ liệu ${damaged} bị hỏng`);
    } finally {
      await telegram.close();
    }
  }, 30_000);
});

describe("npm start with a token", () => {
  it("answers people, and on SIGTERM stops polling, keeps what it was told and exits 0", async () => {
    const telegram = await startTelegramEmulator({ rateLimits: false });
    const dataDir = await tempDir();
    try {
      const seed = await openLowStore(dataDir);
      await seed.invites.save({
        code: "SGTRMC",
        roles: ["member"],
        unitId: "hung-dao.da-quan",
        orgIds: [],
        name: "Lò Văn Dũng",
        locale: "vi",
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      await seed.close();

      const bot = startNode(deployedBot(), [], {
        DATA_DIR: dataDir,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        QUIET_HOURS: "off",
        LOG_LEVEL: "warn",
      });
      await bot.waitForLine((line) => line === "ready");
      const user = telegram.user({ firstName: "Dũng" });
      user.command("/start SGTRMC");
      expect((await user.waitForBotMessage(undefined, 10_000)).text).toContain("Lò Văn Dũng");

      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      const after = await openLowStore(dataDir);
      const [member] = await after.members.list();
      expect(member?.name).toBe("Lò Văn Dũng");
      expect(member?.identities[0]?.chatId).toBe(String(user.id));
      await after.close();
    } finally {
      await telegram.close();
    }
  }, 30_000);
});

describe("npm start when the Bot API goes away", () => {
  it("on SIGTERM with Telegram unreachable, keeps what it was told and exits 0 without waiting on the network", async () => {
    const telegram = await startTelegramEmulator({ rateLimits: false });
    const dataDir = await tempDir();
    const seed = await openLowStore(dataDir);
    await seed.invites.save({
      code: "MATMNG",
      roles: ["member"],
      unitId: "hung-dao.da-quan",
      orgIds: [],
      name: "Nông Thị Mai",
      locale: "vi",
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await seed.close();
    const bot = startNode(deployedBot(), [], {
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      QUIET_HOURS: "off",
      LOG_LEVEL: "warn",
    });
    try {
      await bot.waitForLine((line) => line === "ready");
      const user = telegram.user({ firstName: "Mai" });
      user.command("/start MATMNG");
      expect((await user.waitForBotMessage(undefined, 10_000)).text).toContain("Nông Thị Mai");

      // The API is gone (the port closed): polling fails, and so would the last getUpdates.
      await telegram.close();
      bot.child.kill("SIGTERM");
      // Before, retries of the network error went on without end: the test's timeout ran out.
      expect(await bot.exited).toBe(0);
      const after = await openLowStore(dataDir);
      const [member] = await after.members.list();
      expect(member?.name).toBe("Nông Thị Mai");
      await after.close();
    } finally {
      bot.child.kill("SIGKILL");
    }
  }, 30_000);
  it("on SIGTERM with Zalo unreachable, keeps what it was told and exits 0 without waiting on the network", async () => {
    const zalo = await startZaloEmulator();
    const dataDir = await tempDir();
    const seed = await openLowStore(dataDir);
    await seed.invites.save({
      code: "HQYNTD",
      roles: ["member"],
      unitId: "hung-dao.da-quan",
      orgIds: [],
      name: "Hà Thị Lan",
      locale: "vi",
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await seed.close();
    const bot = startNode(deployedBot(), [], {
      DATA_DIR: dataDir,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.apiRoot,
      QUIET_HOURS: "off",
      LOG_LEVEL: "warn",
    });
    try {
      await bot.waitForLine((line) => line === "ready");
      const user = zalo.user({ displayName: "Lan" });
      await user.send("HQYNTD");
      expect((await user.waitForBotMessage(undefined, 10_000)).text).toContain("Hà Thị Lan");

      // The API is gone (the port closed) while a long poll waits on it.
      await zalo.close();
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      const after = await openLowStore(dataDir);
      const [member] = await after.members.list();
      expect(member?.name).toBe("Hà Thị Lan");
      await after.close();
    } finally {
      bot.child.kill("SIGKILL");
    }
  }, 30_000);
});
