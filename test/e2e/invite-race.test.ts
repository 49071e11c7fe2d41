import { afterEach, describe, expect, it } from "vitest";
import { startTwoChannelBench, type TwoChannelBench } from "./support/two-channel-bench.js";

let bench: TwoChannelBench;
afterEach(async () => {
  await bench?.stop();
});

const INVITE = {
  code: "RACE7Q",
  roles: ["hamlet_head" as const],
  unitId: "hung-dao.nam-phong-2",
  name: "Hoàng Văn Thắng",
};

describe("one invite code tried from two chats at the same instant", () => {
  it("lets exactly one chat in, on whichever platform was first, and tells the other it is used", async () => {
    bench = await startTwoChannelBench();
    await bench.invite(INVITE);
    const onTelegram = bench.telegram.user({ firstName: "Thắng" });
    const onZalo = bench.zalo.user({ displayName: "Thắng" });

    // Both platforms deliver at once; each channel handles its own updates independently.
    const telegramSent = onTelegram.send(`/start ${INVITE.code}`);
    const zaloSent = onZalo.send(INVITE.code);
    await Promise.all([
      onTelegram.whenHandled(telegramSent.updateId),
      onZalo.whenHandled(await zaloSent),
    ]);

    const answers = [onTelegram.lastBotMessage()?.text ?? "", onZalo.lastBotMessage()?.text ?? ""];
    expect(answers.filter((text) => text.includes("Chào anh/chị Hoàng Văn Thắng"))).toHaveLength(1);
    expect(answers.filter((text) => text.startsWith("Mã mời này đã được dùng rồi"))).toHaveLength(
      1,
    );
    const members = await bench.app.deps.store.members.list();
    expect(members).toHaveLength(1);
    expect(members[0]?.identities).toHaveLength(1);
  });

  it("lets one of ten simultaneous redemptions through the store", async () => {
    bench = await startTwoChannelBench();
    await bench.invite(INVITE);
    const now = bench.clock.now.toISOString();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        bench.app.deps.store.invites.redeem(
          INVITE.code,
          {
            channel: i % 2 === 0 ? "telegram" : "zalo",
            chatId: String(5000 + i),
            displayName: `Chat ${i}`,
          },
          now,
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await bench.app.deps.store.members.list()).toHaveLength(1);
  });
});
