import type { Config } from "../config.js";
import type { Translate } from "../i18n.js";

const GET_ME_TIMEOUT_MS = 5000;

/**
 * The bot's Telegram username, for invite links: `TELEGRAM_BOT_USERNAME` when set, else asked
 * of Telegram with `getMe` when a token is set (5 s at most), else undefined. A failed
 * lookup warns and returns undefined: the invite still works by typing its code.
 */
export async function telegramBotUsername(
  config: Pick<Config, "telegram">,
  t: Translate,
  warn: (message: string) => void,
  fetchImpl: typeof fetch = fetch,
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
