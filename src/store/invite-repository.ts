import type { Invite, RedeemResult } from "../domain/invite.js";
import type { RedeemingChat } from "../domain/invite-redemption.js";
import type { Member } from "../domain/member.js";

/** Invites and their one-time redemption. */
export interface InviteRepository {
  get(code: string): Promise<Invite | undefined>;
  list(): Promise<Invite[]>;
  save(invite: Invite): Promise<void>;
  saveMany(invites: Invite[]): Promise<void>;
  /**
   * Redeems a code for a chat atomically: at most one chat ever redeems a code, even when
   * two try at once. Creates or updates the member it binds. A code for someone other than
   * the people already on the chat is refused as `shared` unless `share` says to add them to
   * the chat; nobody on the chat ever loses it.
   */
  redeem(
    code: string,
    chat: RedeemingChat,
    now: string,
    options?: { share?: boolean },
  ): Promise<RedeemResult>;
  /** Revokes an unused code. */
  revoke(code: string, now: string): Promise<"revoked" | "unknown" | "used" | "already-revoked">;
}

/** The `shared` refusal: who is on the chat already, and whom the invite would add. */
export function sharedRefusal(
  invite: Invite,
  target: Member | undefined,
  onChat: readonly Member[],
  chat: RedeemingChat,
): RedeemResult {
  return {
    ok: false,
    reason: "shared",
    onChat: onChat.map((m) => m.name),
    name: target?.name ?? invite.name ?? chat.displayName ?? "",
  };
}
