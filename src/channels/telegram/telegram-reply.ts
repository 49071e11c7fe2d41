import { type Context, GrammyError, HttpError } from "grammy";
import { splitText } from "../../delivery/split-text.js";
import type { Outbound, SentMessage } from "../../messaging/outbound.js";
import type { Reply } from "../../messaging/reply.js";
import { SendError } from "../../messaging/sender.js";
import type { LongButtonData } from "../long-button-data.js";
import { entitiesOf, keyboardOf, TELEGRAM_CAPTION_LIMIT, TELEGRAM_TEXT_LIMIT } from "./render.js";
import { sendFile } from "./send-file.js";
import { telegramFailure } from "./sender.js";

/**
 * Answers the person of the current update, through grammY (auto-retry applies here). Choices
 * are buttons, their data made to fit Telegram's 64 bytes by `longData`. What Telegram still
 * refuses after the retries is thrown as a SendError, in the words every channel shares.
 */
export function telegramReply(ctx: Context, longData: LongButtonData): Reply {
  const reply = grammyReply(ctx, longData);
  return {
    buttons: true,
    send: (message) => reply.send(message).catch(asSendError),
    edit: (messageId, message) => reply.edit(messageId, message).catch(asSendError),
    acknowledge: (notice) => reply.acknowledge(notice),
  };
}

function asSendError(error: unknown): never {
  if (error instanceof GrammyError || error instanceof HttpError) {
    throw new SendError(telegramFailure(error));
  }
  throw error;
}

function grammyReply(ctx: Context, longData: LongButtonData): Reply {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) throw new Error("a reply needs a chat");
  const api = ctx.api;
  const keyboard = async (message: Outbound) =>
    keyboardOf(await longData.fit(String(chatId), message.choices));

  async function sendText(message: Outbound): Promise<SentMessage> {
    const parts = splitText(message.text, TELEGRAM_TEXT_LIMIT);
    const markup = await keyboard(message);
    let last: SentMessage = { messageId: "" };
    for (const [index, part] of parts.entries()) {
      const isLast = index === parts.length - 1;
      const sent = await api.sendMessage(chatId as number, part, {
        entities: entitiesOf(message, part),
        reply_markup: isLast ? markup : undefined,
        link_preview_options: { is_disabled: true },
      });
      last = { messageId: String(sent.message_id) };
    }
    return last;
  }

  return {
    buttons: true,
    async send(message) {
      const file = message.file;
      if (!file) return sendText(message);
      const fitsCaption = message.text.length <= TELEGRAM_CAPTION_LIMIT;
      const options = {
        caption: fitsCaption ? message.text : undefined,
        caption_entities: fitsCaption ? entitiesOf(message) : undefined,
        reply_markup: fitsCaption ? await keyboard(message) : undefined,
      };
      const sent = await sendFile(api, chatId, file, options);
      if (fitsCaption) return { messageId: String(sent.message_id) };
      return sendText(message);
    },
    async edit(messageId, message) {
      if (message.file || message.text.length > TELEGRAM_TEXT_LIMIT) return this.send(message);
      try {
        await api.editMessageText(chatId, Number(messageId), message.text, {
          entities: entitiesOf(message),
          reply_markup: await keyboard(message),
        });
      } catch (error) {
        if (error instanceof GrammyError && error.description.includes("message is not modified")) {
          return { messageId };
        }
        if (error instanceof GrammyError && error.error_code === 400) return this.send(message);
        throw error;
      }
      return { messageId };
    },
    async acknowledge(notice) {
      if (!ctx.callbackQuery) return;
      await ctx.answerCallbackQuery(notice ? { text: notice } : undefined).catch(() => undefined);
    },
  };
}
