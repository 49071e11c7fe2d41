import type { Locale, Member } from "../domain/member.js";
import type { Translate } from "../i18n.js";
import type { Inbound } from "../messaging/inbound.js";
import type { Reply } from "../messaging/reply.js";
import type { AppDeps } from "./app-deps.js";

/** Everything a feature's handler gets for one inbound message from a member. */
export interface MemberContext {
  inbound: Inbound;
  member: Member;
  reply: Reply;
  /** Translate in the member's language. */
  t: Translate;
  locale: Locale;
  deps: AppDeps;
}

/** Handles a command (`/report`) or a pressed choice for a member. */
export type MemberHandler = (ctx: MemberContext) => Promise<void>;

/**
 * A use case as the router sees it: the commands it answers and the choice-data prefixes it
 * owns (button data is `<prefix>:<rest>`, so a forged or stale press reaches only its owner,
 * which must check it again).
 */
export interface Feature {
  name: string;
  /** Command name (without the slash) → handler. */
  commands?: Record<string, MemberHandler>;
  /** Choice-data prefix (before the first ':') → handler; the full data is in ctx.inbound.choice. */
  choices?: Record<string, MemberHandler>;
}

/** The dialog engine as the router uses it. */
export interface DialogHandling {
  /** True when the member has a live dialog and this inbound was for it. */
  handle(ctx: MemberContext): Promise<boolean>;
  /** True when a dialog was cancelled. */
  cancel(ctx: MemberContext): Promise<boolean>;
}
