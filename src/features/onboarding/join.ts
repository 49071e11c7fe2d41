import { normaliseInviteCode } from "../../domain/invite-code.js";
import { localTime, pad } from "../../domain/local-time.js";
import type { Channel, Member } from "../../domain/member.js";
import type { Translate } from "../../i18n.js";
import type { Outbound } from "../../messaging/outbound.js";
import { addressOf, capitalised, pronounOf } from "../../render/address.js";
import type { AppDeps } from "../app-deps.js";
import { describeRoles } from "./role-description.js";
import { withSalutationQuestion } from "./salutation.js";

/** The choice-data prefix of the answer to "add this person to the shared phone?". */
export const JOIN_PREFIX = "join";

/** Unknown codes a chat may try within the window before it must wait. */
export const MAX_UNKNOWN_CODES = 5;
/** The window and the wait, in milliseconds. */
export const CODE_WINDOW_MS = 15 * 60_000;
/**
 * Unknown codes all chats together may try within a minute: guessing from many chats at once
 * is stopped too, at a rate far above a commune's typos on the day invites go out.
 */
export const MAX_UNKNOWN_CODES_PER_MINUTE = 30;
const OVERALL_WINDOW_MS = 60_000;
const OVERALL_KEY = "join:*";

/** The person typing a code: a chat, perhaps already a member's. */
export interface JoiningChat {
  channel: Channel;
  chatId: string;
  displayName?: string;
}

/** Upper-cases a typed code and drops spaces and dashes ("k7pm 3q" → "K7PM3Q"). */
export function normaliseCode(text: string): string {
  return text
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s-]+/g, "");
}

/**
 * True when a text typed without a command could be an invite code: 6-8 characters of the
 * codes' alphabet. Words such as "xin chao" have letters no code has, so they are not taken
 * for a wrong code (and do not count toward the throttle).
 */
export function looksLikeCode(text: string): boolean {
  const code = normaliseInviteCode(text);
  return code !== undefined && code.length >= 6 && code.length <= 8;
}

/**
 * Tries an invite code for a chat, under the throttles: after 5 unknown codes within 15 minutes
 * every attempt from the chat, even a good code, is refused for 15 minutes; after 30 unknown
 * codes from all chats within a minute, every attempt waits for the minute to pass. Used, expired and revoked codes
 * do not count, since they were real codes. Returns the answer to show, and the member when
 * the code bound the chat. When nobody said how the person is addressed, the welcome ends by
 * asking it.
 */
export async function joinWithCode(
  deps: AppDeps,
  chat: JoiningChat,
  typed: string,
  t: Translate,
  share = false,
): Promise<{ message: Outbound; member?: Member; created?: boolean }> {
  const now = deps.now();
  const key = `join:${chat.channel}:${chat.chatId}`;
  const recent = await deps.store.attempts.since(
    key,
    new Date(now.getTime() - CODE_WINDOW_MS).toISOString(),
  );
  const last = recent.at(-1);
  if (recent.length >= MAX_UNKNOWN_CODES && last) {
    const until = new Date(Date.parse(last) + CODE_WINDOW_MS);
    const local = localTime(until, deps.config.timeZone);
    return {
      message: {
        text: t("common:join.throttled", { until: `${pad(local.hour)}:${pad(local.minute)}` }),
      },
    };
  }
  const overall = await deps.store.attempts.since(
    OVERALL_KEY,
    new Date(now.getTime() - OVERALL_WINDOW_MS).toISOString(),
  );
  if (overall.length >= MAX_UNKNOWN_CODES_PER_MINUTE) {
    deps.logger.warn({ channel: chat.channel }, "invite codes refused: too many unknown codes");
    return { message: { text: t("common:join.busy") } };
  }
  const code = normaliseCode(typed);
  const result = await deps.store.invites.redeem(code, chat, now.toISOString(), { share });
  if (!result.ok && result.reason === "shared") {
    // A household's shared phone: the invite's person is added beside those on it, once asked.
    return {
      message: {
        text: t("common:join.sharedAsk", { onChat: result.onChat.join(", "), name: result.name }),
        choices: [
          [
            { data: `${JOIN_PREFIX}:share:${code}`, label: t("common:join.sharedYes") },
            { data: `${JOIN_PREFIX}:keep:${code}`, label: t("common:join.sharedNo") },
          ],
        ],
        choiceMode: "single",
      },
    };
  }
  if (!result.ok) {
    if (result.reason === "unknown") {
      await deps.store.attempts.record(key, now.toISOString());
      await deps.store.attempts.record(OVERALL_KEY, now.toISOString());
    }
    deps.logger.info({ channel: chat.channel, outcome: result.reason }, "invite code refused");
    return { message: { text: t(`common:join.${result.reason}`, { code }) } };
  }
  await deps.store.attempts.clear(key);
  const member = await deps.store.members.get(result.memberId);
  if (!member) throw new Error(`member ${result.memberId} missing after redeeming`);
  deps.logger.info({ channel: chat.channel, memberId: member.id, share }, "invite redeemed");
  const welcomed = withSalutationQuestion(
    await welcome(deps, member, result.created, t),
    member,
    t,
  );
  return {
    message: share
      ? {
          ...welcomed,
          text: `${t("common:join.sharedAdded", { name: member.name })}\n${welcomed.text}`,
        }
      : welcomed,
    member,
    created: result.created,
  };
}

/** The welcome naming the member's roles and places, with what to do next. */
export async function welcome(
  deps: AppDeps,
  member: Member,
  created: boolean,
  t: Translate,
): Promise<Outbound> {
  const isHead = member.roles.some((g) => g.role === "hamlet_head");
  const roles = await describeRoles(deps.store, member, t, { inSentence: true });
  const who = addressOf(t, member);
  const you = pronounOf(t, member);
  const words = { who, roles, you, You: capitalised(you) };
  const lines = [
    created || member.identities.length <= 1
      ? t("common:join.welcome", words)
      : `${t("common:join.boundAgain", words)}\n${t("common:join.welcome", words)}`,
    isHead ? t("common:join.welcomeHead", words) : t("common:join.welcomeOther"),
  ];
  const choices = isHead
    ? [
        [
          { data: "menu:report", label: t("common:help.reportButton") },
          { data: "menu:help", label: t("common:help.helpButton") },
        ],
      ]
    : [[{ data: "menu:help", label: t("common:help.helpButton") }]];
  return { text: lines.join("\n"), choices };
}
