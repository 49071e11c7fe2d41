import { InlineKeyboard } from "grammy";
import type { MessageEntity } from "grammy/types";
import { shownLabel } from "../../messaging/numbered-choices.js";
import type { Choice, Outbound } from "../../messaging/outbound.js";
import type { ChannelCapabilities } from "../channel.js";

/** Telegram's limits for a text message and a photo caption. */
export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

/**
 * What Telegram can show: buttons carrying 64 bytes, edits, uploaded photos, 4096 characters;
 * and it hands bots the voice notes people record.
 */
export const TELEGRAM_CAPABILITIES = {
  buttons: { maxDataBytes: 64 },
  edits: true,
  photos: "upload",
  maxTextLength: TELEGRAM_TEXT_LIMIT,
  receivesAudio: true,
} as const satisfies ChannelCapabilities;

/**
 * Rows of choices as an inline keyboard, a picked one ticked. The data must already fit
 * (`LongButtonData.fit`).
 */
export function keyboardOf(choices: Choice[][] | undefined): InlineKeyboard | undefined {
  if (!choices || choices.length === 0) return undefined;
  return new InlineKeyboard(
    choices.map((row) => row.map((choice) => InlineKeyboard.text(shownLabel(choice), choice.data))),
  );
}

/**
 * Bold entities for the parts the feature asked to stress. The text itself is sent without a
 * parse mode, so a name like `<b>Hoa & Nam</b>` arrives exactly as typed: nothing to escape.
 */
export function entitiesOf(message: Outbound, text = message.text): MessageEntity[] | undefined {
  const entities: MessageEntity[] = [];
  for (const part of message.bold ?? []) {
    const offset = text.indexOf(part);
    if (offset >= 0 && part.length > 0)
      entities.push({ type: "bold", offset, length: part.length });
  }
  return entities.length > 0 ? entities : undefined;
}
