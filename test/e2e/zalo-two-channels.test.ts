import { afterEach, describe, expect, it } from "vitest";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

let bench: TwoChannelBench;
afterEach(async () => {
  await bench?.stop();
});

describe("a member on Telegram and Zalo", () => {
  it("binds Zalo to the member already on Telegram: one member, two identities", async () => {
    bench = await startTwoChannelBench();
    await bench.invite({
      code: "TGFRXT",
      roles: ["official"],
      unitId: "hung-dao",
      name: "Lục Văn Minh",
    });
    const onTelegram = bench.telegram.user({ firstName: "Minh" });
    onTelegram.command("/start TGFRXT");
    expect((await onTelegram.waitForBotMessage()).text).toContain("Lục Văn Minh");

    const [member] = await bench.app.deps.store.members.list();
    await bench.invite({ code: "WYXCND", roles: [], unitId: "hung-dao", memberId: member?.id });
    const onZalo = bench.zalo.user({ displayName: "Minh Zalo" });
    await onZalo.send("wyxcnd");
    const welcome = await onZalo.waitForBotMessage();
    expect(welcome.text).toContain("Lục Văn Minh");
    expect(welcome.text).toContain("cả hai nơi");

    const members = await bench.app.deps.store.members.list();
    expect(members).toHaveLength(1);
    expect(members[0]?.identities.map((i) => [i.channel, i.chatId])).toEqual(
      expect.arrayContaining([
        ["telegram", String(onTelegram.id)],
        ["zalo", onZalo.id],
      ]),
    );
    expect(members[0]?.identities).toHaveLength(2);

    // Both chats now speak to the same member.
    await onZalo.send("/help");
    expect((await onZalo.waitForBotMessage()).text).toContain("/status");
    onTelegram.command("/help");
    expect((await onTelegram.waitForBotMessage()).text).toContain("/status");
  });
});
