import { afterEach, describe, expect, it } from "vitest";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

let bench: ZaloBench;
afterEach(async () => {
  await bench?.stop();
});

const botTexts = (user: { chat(): { from: string; text?: string }[] }) =>
  user
    .chat()
    .filter((m) => m.from === "bot")
    .map((m) => m.text ?? "");

describe("joining on Zalo (long polling)", () => {
  it("a stranger is told it is an automated assistant and how to join, and nothing is stored", async () => {
    bench = await startZaloBench();
    const stranger = bench.emulator.user({ displayName: "Người lạ" });
    await stranger.send("xin chào");
    const answer = await stranger.waitForBotMessage();
    expect(answer.text).toContain("trợ lý tự động");
    expect(answer.text).toContain("/join");
    // Named as it is today: the city level ended on 1 July 2025.
    expect(answer.text).toContain('nông thôn mới" ở tỉnh Cao Bằng.');
    expect(answer.text).not.toMatch(/thành phố|TP\.? Cao Bằng/i);
    await stranger.send("báo cáo");
    expect((await stranger.waitForBotMessage()).text).toContain("mã mời");
    expect(await bench.app.deps.store.members.list()).toHaveLength(0);
  });

  it("a hamlet head joins by typing the code; the 19-digit id is kept exactly and replies reach it", async () => {
    bench = await startZaloBench({ emulator: { bareNumericIds: true } });
    await bench.invite({
      code: "K7PM3Q",
      roles: ["hamlet_head"],
      unitId: "hung-dao.nam-phong-2",
      name: "Hoàng Văn Thắng",
    });
    const head = bench.emulator.user({ displayName: "Thắng" });
    expect(head.id).toMatch(/^\d{19}$/);
    await head.send("k7pm3q");
    const welcome = await head.waitForBotMessage();
    expect(welcome.text).toContain("Chào anh/chị Hoàng Văn Thắng");
    expect(welcome.text).toContain("trợ lý tự động");
    expect(welcome.text).toContain("vai trò trưởng xóm");
    // No buttons on Zalo: the welcome's choices are numbered lines.
    expect(welcome.text).toMatch(/1\. Báo cáo tuần này\n2\. Hướng dẫn/);

    const [member] = await bench.app.deps.store.members.list();
    expect(member?.identities).toEqual([
      expect.objectContaining({ channel: "zalo", chatId: head.id }),
    ]);
    expect(bench.emulator.calls({ method: "sendMessage" }).map((c) => c.chatId)).toEqual([head.id]);
  });

  it("joins with /join CODE and with the words 'tham gia CODE'", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "ACDEFG", roles: ["member"], unitId: "hung-dao.nam-phong-1" });
    await bench.invite({ code: "ACDEFH", roles: ["member"], unitId: "hung-dao.nam-phong-1" });
    const lan = bench.emulator.user({ displayName: "Lan" });
    await lan.send("/join ACDEFG");
    expect((await lan.waitForBotMessage()).text).toContain("Chào anh/chị");
    const hoa = bench.emulator.user({ displayName: "Hoa" });
    await hoa.send("Tham gia acdefh");
    expect((await hoa.waitForBotMessage()).text).toContain("Chào anh/chị");
    expect(await bench.app.deps.store.members.list()).toHaveLength(2);
  });

  it("an unknown code is answered as such and counts toward the throttle", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "GXXDCD", roles: ["member"], unitId: "hung-dao.da-quan" });
    const guesser = bench.emulator.user({ displayName: "G" });
    await guesser.send("NQXUCH");
    expect((await guesser.waitForBotMessage()).text).toContain("không đúng");
    for (let i = 1; i < 5; i++) {
      await guesser.send(`WRQNG${"3467"[i - 1]}`);
      await guesser.waitForBotMessage();
    }
    await guesser.send("GXXDCD");
    expect((await guesser.waitForBotMessage()).text).toContain("sai mã nhiều lần");
    expect(await bench.app.deps.store.members.list()).toHaveLength(0);
  });

  it("many chats guessing together are stopped for a minute, then a real code works", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "GXXDCD", roles: ["member"], unitId: "hung-dao.da-quan" });
    // 30 unknown codes within the minute, 3 from each chat: no chat reaches its own limit.
    for (let c = 0; c < 10; c++) {
      const guesser = bench.emulator.user({ displayName: `G${c}` });
      for (const last of "346") {
        await guesser.send(`WRQN${"34679ACDEF"[c]}${last}`);
        expect((await guesser.waitForBotMessage()).text).toContain("không đúng");
      }
    }
    const lan = bench.emulator.user({ displayName: "Lan" });
    await lan.send("GXXDCD");
    expect((await lan.waitForBotMessage()).text).toContain("gõ lại mã sau 1 phút");
    expect(await bench.app.deps.store.members.list()).toHaveLength(0);

    bench.clock.now = new Date(bench.clock.now.getTime() + 61_000);
    await lan.send("GXXDCD");
    expect((await lan.waitForBotMessage()).text).toContain("Chào anh/chị");
  });

  it("/help and the words 'trợ giúp' / 'tro giup' all answer with the help", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "HEQPME", roles: ["member"], unitId: "hung-dao.da-quan" });
    const user = bench.emulator.user({ displayName: "U" });
    await user.send("HEQPME");
    await user.waitForBotMessage();
    for (const typed of ["/help", "trợ giúp", "Tro giup"]) {
      await user.send(typed);
      const help = await user.waitForBotMessage();
      expect(help.text, typed).toContain("Các việc anh/chị có thể làm");
    }
  });

  it("a menu number picks its choice: '2' under the welcome opens the help", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "MENUCD", roles: ["hamlet_head"], unitId: "hung-dao.da-quan" });
    const head = bench.emulator.user({ displayName: "H" });
    await head.send("MENUCD");
    await head.waitForBotMessage();
    await head.send("2");
    expect((await head.waitForBotMessage()).text).toContain("Các việc anh/chị có thể làm");
  });

  it("/lang lists the languages by number, and '2' switches to English", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "YANGCD", roles: ["member"], unitId: "hung-dao.da-quan" });
    const user = bench.emulator.user({ displayName: "L" });
    await user.send("YANGCD");
    await user.waitForBotMessage();
    await user.send("ngôn ngữ");
    const ask = await user.waitForBotMessage();
    expect(ask.text).toContain("1. Tiếng Việt\n2. English");
    await user.send("2");
    expect((await user.waitForBotMessage()).text).toBe("Switched to English.");
    // The menu is over: the same number now means nothing.
    await user.send("2");
    expect((await user.waitForBotMessage()).text).toContain("I didn't understand");
  });

  it("a message Zalo withholds is answered with a short help; a sticker too", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "TTXCKR", roles: ["member"], unitId: "hung-dao.da-quan" });
    const user = bench.emulator.user({ displayName: "S" });
    await user.send("TTXCKR");
    await user.waitForBotMessage();
    await user.sendUnsupported();
    expect((await user.waitForBotMessage()).text).toContain("gõ lại bằng chữ");
    await user.sendSticker();
    expect((await user.waitForBotMessage()).text).toContain("chỉ đọc được chữ và ảnh");
  });

  it("a reply over 2000 characters arrives split, in order, nothing lost", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "YQNGCD", roles: ["member"], unitId: "hung-dao.da-quan" });
    const user = bench.emulator.user({ displayName: "Dài" });
    await user.send("YQNGCD");
    await user.waitForBotMessage();
    const paragraphs = Array.from(
      { length: 30 },
      (_, i) => `Đoạn ${i + 1}: ${"đường bê tông ".repeat(6).trim()}.`,
    );
    const text = paragraphs.join("\n\n");
    expect(text.length).toBeGreaterThan(2500);
    const [member] = await bench.app.deps.store.members.list();
    await bench.app.channel("zalo")?.lane.sender.send(user.id, { text });
    const received = botTexts(user).slice(1);
    expect(received.length).toBeGreaterThan(1);
    for (const part of received) expect(part.length).toBeLessThanOrEqual(2000);
    expect(received.join("\n\n")).toBe(text);
    expect(member?.identities[0]?.chatId).toBe(user.id);
  });

  it("handles an update only once when Zalo hands it over twice", async () => {
    bench = await startZaloBench();
    const user = bench.emulator.user({ displayName: "D" });
    const messageId = await user.send("xin chào");
    await user.waitForBotMessage();
    await bench.emulator.redeliver(messageId);
    await user.send("lần hai");
    await user.waitForBotMessage();
    expect(botTexts(user)).toHaveLength(2);
  });

  it("keeps the member after a restart: the next message is answered as a member", async () => {
    bench = await startZaloBench();
    await bench.invite({ code: "REXTRT", roles: ["member"], unitId: "hung-dao.da-quan" });
    const user = bench.emulator.user({ displayName: "R" });
    await user.send("REXTRT");
    await user.waitForBotMessage();
    await bench.restart();
    await user.send("hướng dẫn");
    expect((await user.waitForBotMessage()).text).toContain("Các việc anh/chị có thể làm");
  });
});
