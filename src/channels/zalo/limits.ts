/**
 * The longest text (and photo caption) Zalo accepts in one message. Counted as JavaScript
 * string length (UTF-16 units), which is never less than the character count, so a text that
 * passes here also passes on Zalo whichever way it counts.
 */
export const ZALO_MAX_TEXT_LENGTH = 2000;

/** The shortest and longest webhook secret Zalo accepts. */
export const ZALO_SECRET_TOKEN_LENGTH = { min: 8, max: 256 } as const;

/** The header in which Zalo sends the webhook secret with every update. */
export const ZALO_SECRET_HEADER = "X-Bot-Api-Secret-Token";

/** Where the Zalo Bot API lives unless `ZALO_API_ROOT` says otherwise. */
export const ZALO_DEFAULT_API_ROOT = "https://bot-api.zaloplatforms.com";
