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
