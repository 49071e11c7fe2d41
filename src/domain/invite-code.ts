/**
 * The characters invite codes are made of: upper-case letters and digits without look-alikes
 * (0, O, 1, I, L, 2, Z, 5, S, 8 and B are left out), so a code read off a printed card or
 * over the phone is typed right the first time.
 */
export const INVITE_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";

/** The length of a freshly made code: 25^6 ≈ 244 million codes. */
export const INVITE_CODE_LENGTH = 6;

const SHORTEST = 4;
const LONGEST = 12;

/**
 * A new random invite code. `random` returns a number in [0, 1), like Math.random; it is
 * injected so tests choose the code.
 */
export function generateInviteCode(
  random: () => number,
  length: number = INVITE_CODE_LENGTH,
): string {
  let code = "";
  for (let i = 0; i < length; i++) {
    const index = Math.min(
      INVITE_CODE_ALPHABET.length - 1,
      Math.floor(random() * INVITE_CODE_ALPHABET.length),
    );
    code += INVITE_CODE_ALPHABET[index];
  }
  return code;
}

/**
 * The code a person meant when typing `text` ("k7pm-3q", "K7PM 3Q", full-width letters), or
 * undefined when it cannot be a code. Look-alike characters are rejected rather than guessed:
 * the alphabet has none, so an "O" or a "0" is a typing mistake the person should see.
 */
export function normaliseInviteCode(text: string): string | undefined {
  const code = text
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.]/g, "");
  if (code.length < SHORTEST || code.length > LONGEST) return undefined;
  for (const char of code) if (!INVITE_CODE_ALPHABET.includes(char)) return undefined;
  return code;
}
