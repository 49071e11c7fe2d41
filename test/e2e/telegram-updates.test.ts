import { afterEach, describe, expect, it } from "vitest";
import type { Member } from "../../src/domain/member.js";
import { joined, say } from "./support/chat-steps.js";
import { startTelegramBench, type TelegramBench } from "./support/telegram-bench.js";

let bench: TelegramBench;
afterEach(async () => {
  await bench?.stop();
});

const GROUP = { id: -4_001, type: "group", title: "Chi hội Nam Phong 2" } as const;
const HEAD = {
  code: "HEADNP",
  roles: ["hamlet_head" as const],
  unitId: "hung-dao.nam-phong-2",
  name: "Hoàng Văn Thắng",
};

/** A message someone writes in a group the bot was added to. */
function groupMessage(from: { id: number; firstName: string }, messageId: number, text: string) {
  return {
    message: {
      message_id: messageId,
      date: 1_764_039_600,
      chat: GROUP,
      from: { id: from.id, is_bot: false, first_name: from.firstName },
      text,
      ...(text.startsWith("/")
        ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length }] }
        : {}),
    },
  };
}

async function memberNamed(name: string): Promise<Member | undefined> {
  return (await bench.app.deps.store.members.list()).find((m) => m.name === name);
}

describe("Telegram updates outside a person's private chat with the bot", () => {
  it("stays silent in a group, even to an invite code, which still works in private", async () => {
    bench = await startTelegramBench();
    bench.emulator.declareChat(GROUP);
    await bench.invite(HEAD);
    const thang = bench.emulator.user({ firstName: "Thắng" });
    for (const [index, text] of ["/start HEADNP", "xin chào", "/report", "/status"].entries()) {
      bench.emulator.injectUpdate(
        groupMessage({ id: thang.id, firstName: "Thắng" }, index + 1, text),
      );
    }

    // Updates are handled in order: once this private one is answered, the group ones were seen.
    const welcome = await say(thang, "/start HEADNP");
    expect(welcome.text).toContain("Hoàng Văn Thắng");
    expect(bench.emulator.calls({ chatId: GROUP.id })).toEqual([]);
    expect(bench.emulator.chat(GROUP.id).filter((m) => m.from === "bot")).toEqual([]);
  });

  it("marks a member unreachable on Telegram when they block the bot, and reachable when they come back", async () => {
    bench = await startTelegramBench();
    const thang = await joined(bench, HEAD, { firstName: "Thắng" });

    await thang.whenHandled(thang.blockBot());
    const blocked = await memberNamed(HEAD.name);
    expect(blocked?.identities).toEqual([
      expect.objectContaining({
        channel: "telegram",
        chatId: String(thang.id),
        unreachable: { since: bench.clock.now.toISOString(), reason: "blocked by the user" },
      }),
    ]);

    await thang.whenHandled(thang.unblockBot());
    const back = await memberNamed(HEAD.name);
    expect(back?.identities[0]?.unreachable).toBeUndefined();
  });

  it("takes a stranger blocking the bot in its stride and keeps answering", async () => {
    bench = await startTelegramBench();
    const stranger = bench.emulator.user({ firstName: "Khách" });
    await stranger.whenHandled(stranger.blockBot());
    expect(await bench.app.deps.store.members.list()).toEqual([]);
    const answer = await say(stranger, "xin chào");
    expect(answer.text).toContain("trợ lý tự động");
  });
});
