import type { Translate } from "../i18n.js";
import type { Text } from "./flow.js";

/** A flow's Text in the reader's language. */
export function say(t: Translate, text: Text): string {
  return String(t(text.key, text.params ?? {}));
}

/** Several lines of Text, each in the reader's language, joined by line breaks. */
export function sayLines(t: Translate, lines: readonly Text[]): string {
  return lines.map((line) => say(t, line)).join("\n");
}

/**
 * A label reduced to what a person would type for it: lower case, no diacritics, no ticks or
 * punctuation, single spaces; so "xong" matches "Xong ✓" and "khong co gi moi" its label.
 */
export function typedForm(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
