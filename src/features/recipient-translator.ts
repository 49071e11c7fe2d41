import type { Member } from "../domain/member.js";
import { reachableIdentity } from "../domain/reachability.js";
import { chatTranslator, type Translate } from "../i18n.js";
import type { AppDeps } from "./app-deps.js";

/**
 * The translator for a message queued to a member (approval requests, notices, reminders,
 * summaries): in their language, worded for the chat it will reach, so a Zalo chat, which has
 * no buttons, reads "gõ 1 để …" as replies there do, never "bấm".
 */
export function recipientTranslator(
  deps: Pick<AppDeps, "i18n" | "buttonsOn">,
  member: Member,
): Translate {
  const channel = reachableIdentity(member)?.channel;
  const buttons = channel === undefined ? true : (deps.buttonsOn?.[channel] ?? true);
  return chatTranslator(deps.i18n, member.locale, buttons);
}
