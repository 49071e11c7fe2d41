import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../support/cli.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench;
afterEach(async () => {
  await bench?.stop();
});

describe("joining on Telegram", () => {
  it("a stranger learns what the bot is and how to get an invite, and nothing else", async () => {
    bench = await startTelegramBench();
    const stranger = bench.emulator.user({ firstName: "Lạ" });
    stranger.send("xin chào");
    const answer = await stranger.waitForBotMessage();
    expect(answer.text).toContain("trợ lý tự động");
    expect(answer.text).toContain("/join");
    // Named as it is today: the city level ended on 1 July 2025.
    expect(answer.text).toContain('nông thôn mới" ở tỉnh Cao Bằng.');
    expect(answer.text).not.toMatch(/thành phố|TP\.? Cao Bằng/i);
    stranger.command("/report");
    expect((await stranger.waitForBotMessage()).text).toContain("mã mời");
    expect(await bench.app.deps.store.members.list()).toHaveLength(0);
  });

  it("a hamlet head joins by deep link and is welcomed by role and hamlet", async () => {
    bench = await startTelegramBench();
    await bench.invite({
      code: "K7PM3Q",
      roles: ["hamlet_head"],
      unitId: "hung-dao.nam-phong-2",
      name: "Hoàng Văn Thắng",
    });
    const head = bench.emulator.user({ firstName: "Thắng" });
    head.command("/start K7PM3Q");
    const welcome = await head.waitForBotMessage();
    expect(welcome.text).toContain("Chào anh/chị Hoàng Văn Thắng");
    expect(welcome.text).toContain("với vai trò trưởng xóm");
    expect(welcome.text).toContain("xóm Nam Phong 2");
    expect(welcome.text).toContain("phường Thục Phán");
    expect(welcome.buttons.flat()).toContain("Báo cáo tuần này");
  });

  it("switches to English with /lang en, and keeps it after a restart", async () => {
    bench = await startTelegramBench();
    await bench.invite({ code: "ACDEFG", roles: ["member"], unitId: "hung-dao.nam-phong-1" });
    const member = bench.emulator.user({ firstName: "Lan" });
    member.command("/start ACDEFG");
    await member.waitForBotMessage();
    member.command("/lang en");
    expect((await member.waitForBotMessage()).text).toBe("Switched to English.");
    await bench.restart();
    member.command("/help");
    expect((await member.waitForBotMessage()).text).toContain("What you can do");
  });

  it("/lang offers both languages as buttons", async () => {
    bench = await startTelegramBench();
    await bench.invite({ code: "ACDEFH", roles: ["member"], unitId: "hung-dao.nam-phong-1" });
    const member = bench.emulator.user({ firstName: "Lan" });
    member.command("/start ACDEFH");
    await member.waitForBotMessage();
    member.command("/lang");
    const ask = await member.waitForBotMessage();
    expect(ask.buttons.flat()).toEqual(["Tiếng Việt", "English"]);
    member.press(ask.messageId, "English");
    expect((await member.waitForBotMessage()).text).toBe("Switched to English.");
  });

  it("answers unknown, used, expired and revoked codes each in its own words", async () => {
    bench = await startTelegramBench();
    const now = bench.clock.now.getTime();
    await bench.invite({ code: "USEDCD", roles: ["member"], unitId: "hung-dao.da-quan" });
    await bench.invite({
      code: "OLDCDE",
      roles: ["member"],
      unitId: "hung-dao.da-quan",
      expiresAt: new Date(now - 1000).toISOString(),
    });
    await bench.invite({
      code: "REVKED",
      roles: ["member"],
      unitId: "hung-dao.da-quan",
      revokedAt: new Date(now).toISOString(),
    });
    const first = bench.emulator.user({ firstName: "A" });
    first.command("/start USEDCD");
    await first.waitForBotMessage();

    const other = bench.emulator.user({ firstName: "B" });
    const answers: string[] = [];
    for (const code of ["NOSUCH", "USEDCD", "OLDCDE", "REVKED"]) {
      other.command(`/join ${code}`);
      answers.push((await other.waitForBotMessage()).text ?? "");
    }
    expect(answers[0]).toContain("không đúng");
    expect(answers[1]).toContain("đã được dùng");
    expect(answers[2]).toContain("hết hạn");
    expect(answers[3]).toContain("bị hủy");
    expect(new Set(answers).size).toBe(4);
  });

  it("after 5 unknown codes in 15 minutes even a good code waits, and is told until when", async () => {
    bench = await startTelegramBench({ start: new Date("2026-11-25T03:00:00Z") });
    await bench.invite({ code: "GOODCD", roles: ["member"], unitId: "hung-dao.da-quan" });
    const guesser = bench.emulator.user({ firstName: "G" });
    for (let i = 0; i < 5; i++) {
      bench.clock.now = new Date(Date.parse("2026-11-25T03:00:00Z") + i * 60_000);
      guesser.command(`/join WRONG${i}`);
      await guesser.waitForBotMessage();
    }
    guesser.command("/join GOODCD");
    const refused = await guesser.waitForBotMessage();
    // The fifth wrong code came at 10:04 in Hanoi; the chat may try again from 10:19.
    expect(refused.text).toContain("10:19");
    expect(await bench.app.deps.store.members.list()).toHaveLength(0);

    bench.clock.now = new Date("2026-11-25T03:20:00Z");
    guesser.command("/join GOODCD");
    expect((await guesser.waitForBotMessage()).text).toContain("Chào anh/chị");
  });

  it("a member bound on a second chat through a --member invite stays one member", async () => {
    bench = await startTelegramBench();
    await bench.invite({
      code: "FIRSTC",
      roles: ["official"],
      unitId: "hung-dao",
      name: "Lục Văn Minh",
    });
    const phone = bench.emulator.user({ firstName: "Minh" });
    phone.command("/start FIRSTC");
    await phone.waitForBotMessage();
    const [member] = await bench.app.deps.store.members.list();
    await bench.invite({ code: "SECNDC", roles: [], unitId: "hung-dao", memberId: member?.id });
    const laptop = bench.emulator.user({ firstName: "Minh PC" });
    laptop.command("/start SECNDC");
    expect((await laptop.waitForBotMessage()).text).toContain("Lục Văn Minh");
    const members = await bench.app.deps.store.members.list();
    expect(members).toHaveLength(1);
    expect(members[0]?.identities.map((i) => i.chatId).sort()).toEqual(
      [String(phone.id), String(laptop.id)].sort(),
    );
  });

  it("a name like <b>Hoa & Nam</b> arrives exactly as typed", async () => {
    bench = await startTelegramBench();
    await bench.invite({
      code: "HTMLNM",
      roles: ["member"],
      unitId: "hung-dao.da-quan",
      name: "<b>Hoa & Nam</b>",
    });
    const user = bench.emulator.user({ firstName: "H" });
    user.command("/start HTMLNM");
    expect((await user.waitForBotMessage()).text).toContain("Chào anh/chị <b>Hoa & Nam</b>!");
  });

  it("an exception inside a handler gets the apology, and the next message works", async () => {
    bench = await startTelegramBench();
    await bench.invite({ code: "OOPSCD", roles: ["member"], unitId: "hung-dao.da-quan" });
    const user = bench.emulator.user({ firstName: "U" });
    user.command("/start OOPSCD");
    await user.waitForBotMessage();
    const members = bench.app.deps.store.members;
    const original = members.membersOfChat;
    members.membersOfChat = async () => {
      members.membersOfChat = original;
      throw new Error("disk on fire");
    };
    user.command("/help");
    const apology = await user.waitForBotMessage();
    expect(apology.text).toContain("Xin lỗi");
    expect(apology.text).not.toContain("disk on fire");
    user.command("/help");
    expect((await user.waitForBotMessage()).text).toContain("/lang");
  });

  it("registers the command menu in both languages", async () => {
    bench = await startTelegramBench();
    const vi = bench.emulator.commands();
    const en = bench.emulator.commands({ languageCode: "en" });
    expect(vi.find((c) => c.command === "report")?.description).toBe("Báo cáo tuần");
    expect(en.find((c) => c.command === "report")?.description).toBe("Weekly report");
  });
});

describe("the admin CLI beside the running bot", () => {
  it("an invite made by the CLI while the bot runs is redeemable at once", async () => {
    bench = await startTelegramBench();
    const made = await runCli(
      [
        "invite",
        "create",
        "--role",
        "hamlet_head",
        "--unit",
        "hung-dao.nam-phong-2",
        "--name",
        "Hoàng Văn Thắng",
        "--json",
      ],
      { DATA_DIR: bench.dataDir, TELEGRAM_BOT_USERNAME: "chungsuc_bot" },
    );
    expect(made.code).toBe(0);
    const invite = JSON.parse(made.stdout) as { code: string; telegramLink: string };
    expect(invite.telegramLink).toBe(`https://t.me/chungsuc_bot?start=${invite.code}`);
    const head = bench.emulator.user({ firstName: "Thắng" });
    head.command(`/start ${invite.code}`);
    const welcome = await head.waitForBotMessage();
    expect(welcome.text).toContain("Chào anh/chị Hoàng Văn Thắng!");
    expect(welcome.text).toContain("với vai trò trưởng xóm (xóm Nam Phong 2, phường Thục Phán)");
  });
});

/** Polls until `check` holds, failing after a generous deadline. */
function until(what: string, check: () => Promise<boolean>): Promise<void> {
  return vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`never happened: ${what}`);
    },
    { timeout: 10_000, interval: 25 },
  );
}

describe("a member marked unreachable", () => {
  it("is marked when they block the bot, and no longer when they restart it", async () => {
    bench = await startTelegramBench();
    await bench.invite({ code: "BLOCKS", roles: ["member"], unitId: "hung-dao.da-quan" });
    const user = bench.emulator.user({ firstName: "U" });
    user.command("/start BLOCKS");
    await user.waitForBotMessage();
    const store = bench.app.deps.store;
    const [member] = await store.members.list();
    if (!member) throw new Error("no member");
    const mark = async () => (await store.members.get(member.id))?.identities[0]?.unreachable;

    user.blockBot();
    await until("the chat is marked unreachable", async () => (await mark()) !== undefined);
    expect((await mark())?.reason).toBe("blocked by the user");

    user.unblockBot();
    await until("the mark is cleared", async () => (await mark()) === undefined);
  });

  it("is reachable again once they write from that chat", async () => {
    bench = await startTelegramBench();
    await bench.invite({ code: "BACKAG", roles: ["member"], unitId: "hung-dao.da-quan" });
    const user = bench.emulator.user({ firstName: "U" });
    user.command("/start BACKAG");
    await user.waitForBotMessage();
    const store = bench.app.deps.store;
    const [member] = await store.members.list();
    if (!member) throw new Error("no member");
    await store.members.save({
      ...member,
      identities: member.identities.map((i) => ({
        ...i,
        unreachable: { since: bench.clock.now.toISOString(), reason: "blocked by the user" },
      })),
    });
    user.command("/help");
    await user.waitForBotMessage();
    const after = await store.members.get(member.id);
    expect(after?.identities[0]?.unreachable).toBeUndefined();
  });
});
