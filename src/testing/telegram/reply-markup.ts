import { z } from "zod";
import { badRequest } from "./api-error.js";
import type { MethodParams } from "./params.js";

const inlineButtonSchema = z
  .object({
    text: z.string(),
    url: z.string().optional(),
    callback_data: z.string().optional(),
    web_app: z.object({ url: z.string() }).optional(),
    login_url: z.object({ url: z.string() }).loose().optional(),
    switch_inline_query: z.string().optional(),
    switch_inline_query_current_chat: z.string().optional(),
    switch_inline_query_chosen_chat: z.object({}).loose().optional(),
    copy_text: z.object({ text: z.string() }).optional(),
    callback_game: z.object({}).loose().optional(),
    pay: z.boolean().optional(),
  })
  .loose();

/** One inline keyboard button as Telegram echoes it back. */
export type InlineButton = z.infer<typeof inlineButtonSchema>;

const keyboardButtonSchema = z.union([z.string(), z.object({ text: z.string() }).loose()]);

const replyMarkupSchema = z.record(z.string(), z.unknown());
const inlineMarkupSchema = z.object({ inline_keyboard: z.array(z.array(inlineButtonSchema)) });
const keyboardMarkupSchema = z.object({ keyboard: z.array(z.array(keyboardButtonSchema)) });

/** What a message's `reply_markup` asked for, validated. */
export type ReplyMarkup =
  | { kind: "inline"; inlineKeyboard: InlineButton[][] }
  | { kind: "keyboard"; keyboard: string[][]; raw: Record<string, unknown> }
  | { kind: "remove-keyboard" }
  | { kind: "force-reply" };

const ACTION_FIELDS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

/** Reads and validates `reply_markup` like Telegram (callback_data 1–64 bytes, one action per inline button). */
export function readReplyMarkup(params: MethodParams): ReplyMarkup | undefined {
  const markup = params.json(
    "reply_markup",
    replyMarkupSchema,
    "can't parse reply keyboard markup JSON object",
  );
  if (!markup) return undefined;
  const invalid = () => badRequest("can't parse reply keyboard markup JSON object");
  if ("inline_keyboard" in markup) {
    const parsed = inlineMarkupSchema.safeParse(markup);
    if (!parsed.success) throw invalid();
    return { kind: "inline", inlineKeyboard: validateInlineKeyboard(parsed.data.inline_keyboard) };
  }
  if ("keyboard" in markup) {
    const parsed = keyboardMarkupSchema.safeParse(markup);
    if (!parsed.success) throw invalid();
    const keyboard = parsed.data.keyboard.map((row) =>
      row.map((button) => (typeof button === "string" ? button : button.text)),
    );
    return { kind: "keyboard", keyboard, raw: markup };
  }
  if (markup.remove_keyboard === true) return { kind: "remove-keyboard" };
  if (markup.force_reply === true) return { kind: "force-reply" };
  throw invalid();
}

/** Checks inline buttons as Telegram does and returns them unchanged. */
export function validateInlineKeyboard(rows: InlineButton[][]): InlineButton[][] {
  for (const row of rows) {
    for (const button of row) {
      const actions = ACTION_FIELDS.filter((field) => button[field] !== undefined);
      if (actions.length === 0)
        throw badRequest("text buttons are unallowed in the inline keyboard");
      if (button.callback_data !== undefined) {
        const size = Buffer.byteLength(button.callback_data);
        if (size < 1 || size > 64) throw badRequest("BUTTON_DATA_INVALID");
      }
      if (button.url !== undefined && !/^(https?|tg):\/\/\S+$/i.test(button.url)) {
        throw badRequest("BUTTON_URL_INVALID");
      }
    }
  }
  return rows;
}

/** Reads the `reply_markup` of an edit call, which only accepts an inline keyboard. */
export function readInlineMarkupForEdit(params: MethodParams): InlineButton[][] | undefined {
  const markup = readReplyMarkup(params);
  if (!markup) return undefined;
  if (markup.kind !== "inline") throw badRequest("inline keyboard expected");
  return markup.inlineKeyboard;
}
