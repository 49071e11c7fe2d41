import type { Outbound } from "../messaging/outbound.js";
import { splitText } from "./split-text.js";

/** What a channel can carry in one message. */
export interface PartLimits {
  maxTextLength: number;
  /** The longest caption a file may carry; a longer text is sent after the file. */
  maxCaptionLength?: number;
}

/**
 * The messages one Outbound becomes on a channel, in the order to send them: a file first
 * (with the text as its caption when it fits), then the text split at paragraph or sentence
 * boundaries. The choices go with the last part, so the buttons sit under the end of the text;
 * each part keeps only the bold phrases it contains.
 */
export function partsFor(message: Outbound, limits: PartLimits): Outbound[] {
  const { file, choices, choiceMode, bold, text } = message;
  const captionLimit = limits.maxCaptionLength ?? limits.maxTextLength;
  if (file && text.length <= captionLimit) return [message];
  const texts = text.trim().length > 0 ? splitText(text, limits.maxTextLength) : [];
  const parts: Outbound[] = [];
  if (file) parts.push({ text: "", file });
  for (const part of texts) {
    const stressed = bold?.filter((phrase) => phrase.length > 0 && part.includes(phrase));
    parts.push({ text: part, ...(stressed && stressed.length > 0 ? { bold: stressed } : {}) });
  }
  const last = parts.at(-1);
  if (last && choices) {
    last.choices = choices;
    if (choiceMode) last.choiceMode = choiceMode;
  }
  return parts;
}
