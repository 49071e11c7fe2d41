import { InlineKeyboard } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { type PollingSetup, startPollingBot } from "./polling-bot.js";

describe("a real grammY bot long-polling the emulator", () => {
  let setup: PollingSetup | undefined;
  afterEach(async () => {
    await setup?.stop();
    setup = undefined;
  });

  it("receives what a user types and its reply appears in the user's chat", async () => {
    setup = await startPollingBot((bot) => {
      bot.on("message:text", (ctx) => ctx.reply(`Anh/chị vừa viết: ${ctx.message.text}`));
    });
    const hoa = setup.emulator.user({ firstName: "Hoa", languageCode: "vi" });
    hoa.send("xin chào");
    const reply = await hoa.waitForBotMessage();
    expect(reply.text).toBe("Anh/chị vừa viết: xin chào");
    expect(hoa.chat().map((m) => [m.from, m.text])).toEqual([
      ["user", "xin chào"],
      ["bot", "Anh/chị vừa viết: xin chào"],
    ]);
    expect(setup.errors).toEqual([]);
  });

  it("delivers /start with its deep-link payload as a bot command", async () => {
    const payloads: string[] = [];
    setup = await startPollingBot((bot) => {
      bot.command("start", async (ctx) => {
        payloads.push(ctx.match);
        await ctx.reply("welcome");
      });
    });
    const nam = setup.emulator.user({ firstName: "Nam" });
    nam.command("/start K7P2QX");
    await nam.waitForBotMessage((m) => m.text === "welcome");
    expect(payloads).toEqual(["K7P2QX"]);
  });

  it("turns a button press into a callback query, and the bot's edit changes what the user sees", async () => {
    setup = await startPollingBot((bot) => {
      bot.command("vote", (ctx) =>
        ctx.reply("Roads this week?", {
          reply_markup: new InlineKeyboard().text("Yes", "roads:yes").text("No", "roads:no"),
        }),
      );
      bot.callbackQuery(/^roads:/, async (ctx) => {
        await ctx.answerCallbackQuery({ text: "Saved" });
        await ctx.editMessageText(`You answered ${ctx.callbackQuery.data.slice(6)}`);
      });
    });
    const user = setup.emulator.user({ firstName: "Lan" });
    user.command("/vote");
    const question = await user.waitForBotMessage();
    expect(question.buttons).toEqual([["Yes", "No"]]);

    const press = user.press(question.messageId, "Yes");
    const edited = await user.waitForEdit(question.messageId);
    expect(edited.text).toBe("You answered yes");
    // editMessageText without reply_markup removes the keyboard, as on Telegram.
    expect(edited.buttons).toEqual([]);
    expect(await user.waitForCallbackAnswer(press.callbackQueryId)).toEqual({
      text: "Saved",
      showAlert: false,
      url: undefined,
    });
    expect(() => user.press(question.messageId, "Yes")).toThrow(/No button "Yes"/);
  });

  it("shows HTML parse mode as the user reads it, with the formatting as entities", async () => {
    setup = await startPollingBot((bot) => {
      bot.command("names", (ctx) => ctx.reply("<b>Hoa &amp; Nam</b>", { parse_mode: "HTML" }));
    });
    const user = setup.emulator.user({ firstName: "Hoa" });
    user.command("/names");
    const reply = await user.waitForBotMessage();
    expect(reply.text).toBe("Hoa & Nam");
    expect(reply.entities).toEqual([{ type: "bold", offset: 0, length: 9 }]);
  });

  it("hands a user's photo to the bot as a file it can download with getFile", async () => {
    const downloads: Uint8Array[] = [];
    setup = await startPollingBot((bot) => {
      bot.on("message:photo", async (ctx) => {
        const file = await ctx.getFile();
        const url = `${setup?.emulator.apiRoot}/file/bot${ctx.api.token}/${file.file_path}`;
        downloads.push(new Uint8Array(await (await fetch(url)).arrayBuffer()));
        await ctx.reply(`photo with caption ${ctx.message.caption}`);
      });
    });
    const user = setup.emulator.user({ firstName: "Hoa" });
    const sent = user.sendPhoto(undefined, "new road");
    await user.waitForBotMessage();
    expect(downloads).toHaveLength(1);
    expect(Buffer.from(downloads[0] as Uint8Array)).toEqual(
      Buffer.from(setup.emulator.file(sent.fileId)?.bytes as Uint8Array),
    );
    expect(user.lastBotMessage()?.text).toBe("photo with caption new road");
  });

  it("gives an album as one update per photo sharing a media_group_id", async () => {
    setup = await startPollingBot((bot) => {
      bot.on("message:photo", (ctx) => ctx.reply(`album ${ctx.message.media_group_id}`));
    });
    const user = setup.emulator.user({ firstName: "Hoa" });
    const album = user.sendAlbum(3);
    const replies = await user.waitForReplies(3);
    expect(replies.map((m) => m.text)).toEqual(Array(3).fill(`album ${album[0]?.mediaGroupId}`));
    expect(user.chat().filter((m) => m.photo)).toHaveLength(3);
  });
});
