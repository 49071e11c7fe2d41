/** The prefix of every dialog choice's data; the router sends these picks to the engine. */
export const DIALOG_CHOICE_PREFIX = "d";

/** The value a Done choice carries (option values never start with `~`). */
export const DONE_VALUE = "~done";

const TOKEN_LENGTH = 6;
const TOKEN_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A fresh token for one question: its choices carry it, so a pick on an older question is stale. */
export function newToken(random: () => number): string {
  let token = "";
  for (let i = 0; i < TOKEN_LENGTH; i++) {
    token += TOKEN_ALPHABET[Math.floor(random() * TOKEN_ALPHABET.length)] ?? "0";
  }
  return token;
}

/**
 * The data of a dialog choice: `d:<token>:<value>`. However long the value, the channel
 * carries it back (one whose buttons hold less keeps the long ones itself).
 */
export function choiceData(token: string, value: string): string {
  return `${DIALOG_CHOICE_PREFIX}:${token}:${value}`;
}

/** A dialog choice's token and value, or undefined when the data is not a dialog choice's. */
export function readChoiceData(data: string): { token: string; value: string } | undefined {
  const match = /^d:([0-9a-z]+):(.+)$/s.exec(data);
  if (!match?.[1] || !match[2]) return undefined;
  return { token: match[1], value: match[2] };
}
