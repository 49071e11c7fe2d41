import { Api, InlineKeyboard, Keyboard } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import {
  startTelegramEmulator,
  type TelegramEmulator,
} from "../../../src/testing/telegram/index.js";
import { type PollingSetup, startPollingBot } from "./polling-bot.js";

let emulator: TelegramEmulator | undefined;
let setup: PollingSetup | undefined;
afterEach(async () => {
  await emulator?.close();
  await setup?.stop();
  emulator = undefined;
  setup = undefined;
});

async function start() {
  emulator = await startTelegramEmulator({ rateLimits: false });
  const user = emulator.user({ id: 900, firstName: "Hoa", username: "hoa_cb" });
  return { emulator, user, api: new Api(emulator.token, { apiRoot: emulator.apiRoot }) };
}

describe("the user driver", () => {
  it("presses a button on the latest message matching a test, by text or by data", async () => {
    const { user, api } = await start();
    await api.sendMessage(900, "old", {
      reply_markup: new InlineKeyboard().text("Gửi", "submit:1"),
    });
    const latest = await api.sendMessage(900, "review", {
      reply_markup: new InlineKeyboard().text("Gửi", "submit:2").text("Sửa", "change"),
    });
    expect(user.press((m) => m.buttons.flat().includes("Gửi"), "Gửi")).toMatchObject({
      messageId: latest.message_id,
      data: "submit:2",
    });
    expect(user.press(latest.message_id, "change").data).toBe("change");
    const updates = await api.getUpdates();
    expect(updates.map((u) => u.callback_query?.data)).toEqual(["submit:2", "change"]);
  });

  it("forges callback data no button carries, for tests of tampered presses", async () => {
    const { user, api } = await start();
    const message = await api.sendMessage(900, "pick", {
      reply_markup: new InlineKeyboard().text("A", "a"),
    });
    user.pressRaw(message.message_id, "admin:delete-all");
    const [update] = await api.getUpdates();
    expect(update?.callback_query?.data).toBe("admin:delete-all");
    expect(update?.callback_query?.message?.message_id).toBe(message.message_id);
  });

  it("shows a reply keyboard the bot attached", async () => {
    const { user, api } = await start();
    await api.sendMessage(900, "Chọn nhóm", {
      reply_markup: new Keyboard().text("Đường").text("Nhà văn hoá").row().text("Không có"),
    });
    expect(user.lastBotMessage()?.replyKeyboard).toEqual([["Đường", "Nhà văn hoá"], ["Không có"]]);
  });

  it("waits for the next replies after the user's last action, one batch after another", async () => {
    setup = await startPollingBot(
      (bot) => {
        bot.on("message:text", async (ctx) => {
          await ctx.reply(`1/${ctx.message.text}`);
          await ctx.reply(`2/${ctx.message.text}`);
        });
      },
      { rateLimits: false },
    );
    const user = setup.emulator.user({ firstName: "Nam" });
    user.send("a");
    expect((await user.waitForReplies(2)).map((m) => m.text)).toEqual(["1/a", "2/a"]);
    user.send("b");
    expect((await user.waitForBotMessage()).text).toBe("1/b");
    expect((await user.waitForBotMessage()).text).toBe("2/b");
  });

  it("explains a wait that times out with what the chat shows", async () => {
    const { user } = await start();
    user.send("anyone there?");
    await expect(user.waitForBotMessage(undefined, 50)).rejects.toThrow(
      /waited 50 ms for a bot message[\s\S]*#1 user: anyone there\?/,
    );
  });
});
