import type { Config } from "../../config.js";
import type { ChannelInvites, InviteLookup } from "../channel.js";

const GET_ME_TIMEOUT_MS = 5000;

/** Telegram's deep link: it opens the bot and redeems the code in one tap. */
export function telegramInviteLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername.replace(/^@/, "")}?start=${code}`;
}

/**
 * The bot's Telegram username, for invite links: `TELEGRAM_BOT_USERNAME` when set, else asked
 * of Telegram with `getMe` when a token is set (5 s at most), else undefined. A failed
 * lookup warns and returns undefined: the invite still works by typing its code.
 */
export async function telegramBotUsername(
  config: Pick<Config, "telegram">,
  { t, warn, fetch: fetchImpl = fetch }: InviteLookup,
): Promise<string | undefined> {
  const { username, token, apiRoot } = config.telegram;
  if (username) return username;
  if (!token) return undefined;
  try {
    const response = await fetchImpl(`${apiRoot}/bot${token}/getMe`, {
      signal: AbortSignal.timeout(GET_ME_TIMEOUT_MS),
    });
    const body = (await response.json()) as { ok?: boolean; result?: { username?: unknown } };
    if (body.ok && typeof body.result?.username === "string") return body.result.username;
    warn(String(t("cli:invite.getMeFailed", { detail: `HTTP ${response.status}` })));
  } catch (error) {
    // Never echo the URL: it holds the token.
    warn(String(t("cli:invite.getMeFailed", { detail: (error as Error).name })));
  }
  return undefined;
}

/** Telegram's invites: a deep link per code, second on cards. */
export const telegramInvites: ChannelInvites = {
  cardRank: 1,
  carriesCode: true,
  async linker(config, lookup) {
    const username = await telegramBotUsername(config, lookup);
    return username ? (code) => telegramInviteLink(username, code) : undefined;
  },
  lines: { link: "cli:invite.telegramLink", noLink: "cli:invite.noTelegramLink" },
};
