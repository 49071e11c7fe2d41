import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHANNEL_ADAPTERS } from "../../../src/channels/registry.js";
import { startZaloChannel, type ZaloChannel } from "../../../src/channels/zalo/zalo-channel.js";
import { parseConfig } from "../../../src/config.js";
import type { AppDeps } from "../../../src/features/app-deps.js";

import { createMemberDialogs } from "../../../src/features/member-dialogs.js";
import { createRouter } from "../../../src/features/router.js";
import { createI18n } from "../../../src/i18n.js";
import { silentLogger } from "../../../src/logger.js";
import { type OpenedStore, openStoreAsOwner } from "../../../src/store/open-store.js";
import {
  startZaloEmulator,
  type ZaloEmulator,
  type ZaloEmulatorUser,
} from "../../../src/testing/zalo/index.js";
import { tempDir } from "../../support/processes.js";
import { twoQuestions } from "../../support/two-questions.js";

let emulator: ZaloEmulator;
let opened: OpenedStore;
let channel: ZaloChannel;
let user: ZaloEmulatorUser;

beforeEach(async () => {
  emulator = await startZaloEmulator();
  const config = parseConfig({
    ZALO_BOT_TOKEN: emulator.token,
    ZALO_API_ROOT: emulator.apiRoot,
    DATA_DIR: await tempDir(),
    LOG_LEVEL: "silent",
  });
  opened = await openStoreAsOwner(config.dataDir);
  const now = new Date("2026-11-25T03:00:00Z");
  const deps: AppDeps = {
    config,
    store: opened.store,
    i18n: createI18n("vi"),
    logger: silentLogger(),
    now: () => now,
    random: () => 0.42,
    photos: {},
    filesShown: {},
    channels: CHANNEL_ADAPTERS,
  };
  user = emulator.user({ displayName: "Hoa" });
  await deps.store.members.save({
    id: "m-1",
    name: "Nông Thị Hoa",
    unitId: "hung-dao.nam-phong-2",
    orgIds: [],
    roles: [{ role: "hamlet_head", unitId: "hung-dao.nam-phong-2", orgIds: [] }],
    locale: "vi",
    active: true,
    optedOut: false,
    identities: [
      {
        channel: "zalo",
        chatId: user.id,
        boundAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
      },
    ],
    source: "cli",
    createdAt: now.toISOString(),
  });
  const engine = createMemberDialogs([twoQuestions], deps);
  const router = createRouter(
    deps,
    [{ name: "test", commands: { report: (ctx) => engine.start(ctx, twoQuestions.id, {}) } }],
    engine,
  );
  channel = await startZaloChannel(deps, router, { pollSeconds: 0.2 });
});
afterEach(async () => {
  await channel.stop();
  await opened.close();
  await emulator.close();
});

describe("a dialog on Zalo", () => {
  it("shows the choices numbered once, and reads '1 3' then '2'", async () => {
    await user.send("báo cáo");
    const question = await user.waitForBotMessage();
    expect(question.text).toContain("1. Tiếng Việt\n2. English\n3. Hướng dẫn");
    // One list, with the one line on how to answer that plain messages have too.
    expect(question.text?.match(/1\. /g)).toHaveLength(1);
    expect(question.text?.match(/Trả lời bằng các số, ví dụ: 1 3\./g)).toHaveLength(1);
    await user.send("1 3");
    const second = await user.waitForBotMessage();
    expect(second.text).toContain("1. Tiếng Việt");
    await user.send("2");
    expect(JSON.parse((await user.waitForBotMessage()).text ?? "")).toEqual({
      several: ["vi", "help"],
      one: "en",
    });
  });

  it("reads '1,3' the same, and '0' as none of them", async () => {
    await user.send("/report");
    await user.waitForBotMessage();
    await user.send("1,3");
    await user.waitForBotMessage();
    await user.send("1");
    expect(JSON.parse((await user.waitForBotMessage()).text ?? "")).toMatchObject({
      several: ["vi", "help"],
    });
    await user.send("/report");
    await user.waitForBotMessage();
    await user.send("0");
    await user.waitForBotMessage();
    await user.send("1");
    expect(JSON.parse((await user.waitForBotMessage()).text ?? "")).toMatchObject({ several: [] });
  });

  it("'hủy' cancels the dialog midway", async () => {
    await user.send("/report");
    await user.waitForBotMessage();
    await user.send("hủy");
    expect((await user.waitForBotMessage()).text).toContain("Đã hủy");
    await user.send("1");
    expect((await user.waitForBotMessage()).text).toContain("chưa hiểu");
  });
});
