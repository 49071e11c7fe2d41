import type { RoleGrant } from "./role.js";

/**
 * A chat platform's id ("telegram", "zalo"): any string here, checked against the channel
 * registry where it enters (the CLI, the store's schemas), so a new platform touches no domain code.
 */
export type Channel = string;

/** The interface languages. */
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * How Vietnamese address a person, by age and standing: "anh Thắng", "bác Tình". The
 * assistant uses it with the given name; without one it says "anh/chị" and the full name.
 */
export const SALUTATIONS = ["anh", "chị", "ông", "bà", "bác", "em"] as const;
export type Salutation = (typeof SALUTATIONS)[number];

/** A salutation as typed (any case, spaces around), or undefined when it is none of them. */
export function readSalutation(text: string): Salutation | undefined {
  const typed = text.normalize("NFC").trim().toLocaleLowerCase("vi");
  return SALUTATIONS.find((s) => s === typed);
}

/** The given name: the last word of a Vietnamese full name ("Hoàng Văn Thắng" → "Thắng"). */
export function givenName(fullName: string): string {
  const words = fullName.normalize("NFC").trim().split(/\s+/);
  return words.at(-1) ?? "";
}

/**
 * A member's chat on one platform. Ids are strings everywhere: Zalo's exceed a JavaScript number.
 */
export interface ChannelIdentity {
  channel: Channel;
  chatId: string;
  boundAt: string;
  /** When the member last wrote on this identity; broadcasts go to the one used last. */
  lastSeenAt: string;
  /** Set when the platform said the chat cannot be reached (blocked, chat not found). */
  unreachable?: { since: string; reason: string };
  /** Days (yyyy-mm-dd) on which a delivery failed permanently: Zalo marks unreachable after 3. */
  failureDays?: string[];
}

/** A person in the movement: a member of a mass organisation, a hamlet head, an official… */
export interface Member {
  id: string;
  name: string;
  /** How the person likes to be addressed; unknown until given (import, invite, or asked). */
  salutation?: Salutation;
  phone?: string;
  /** The unit the member belongs to (their hamlet, or the office's unit). */
  unitId: string;
  /** Organisations the member belongs to. */
  orgIds: string[];
  roles: RoleGrant[];
  locale: Locale;
  active: boolean;
  /** True after /stop: broadcasts skip them; report reminders do not. */
  optedOut: boolean;
  identities: ChannelIdentity[];
  source: "data" | "cli" | "invite";
  createdAt: string;
  /** Set by `members forget`: personal data erased, anonymous history kept. */
  forgottenAt?: string;
}
