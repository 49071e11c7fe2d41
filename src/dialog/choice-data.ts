/** The prefix of every dialog button's data; the router sends these presses to the engine. */
export const DIALOG_CHOICE_PREFIX = "d";

/** The value a Done button carries (option values never start with `~`). */
export const DONE_VALUE = "~done";

// Telegram's callback_data limit.
const MAX_DATA_BYTES = 64;
const TOKEN_LENGTH = 6;
const TOKEN_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A fresh token for one question: buttons carry it, so a press on an older question is stale. */
export function newToken(random: () => number): string {
  let token = "";
  for (let i = 0; i < TOKEN_LENGTH; i++) {
    token += TOKEN_ALPHABET[Math.floor(random() * TOKEN_ALPHABET.length)] ?? "0";
  }
  return token;
}

/**
 * The data of a dialog button: `d:<token>:<value>`. A value too long for Telegram's 64 bytes
 * travels as its position (`#3`) instead, which the engine maps back to the option.
 */
export function choiceData(token: string, value: string, index: number): string {
  const data = `${DIALOG_CHOICE_PREFIX}:${token}:${value}`;
  if (Buffer.byteLength(data, "utf8") <= MAX_DATA_BYTES) return data;
  return `${DIALOG_CHOICE_PREFIX}:${token}:#${index}`;
}

/** A dialog button's token and value, or undefined when the data is not a dialog button's. */
export function readChoiceData(data: string): { token: string; value: string } | undefined {
  const match = /^d:([0-9a-z]+):(.+)$/s.exec(data);
  if (!match?.[1] || !match[2]) return undefined;
  return { token: match[1], value: match[2] };
}
