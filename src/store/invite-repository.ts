import type { Invite, RedeemResult } from "../domain/invite.js";
import type { RedeemingChat } from "../domain/invite-redemption.js";

/** Invites and their one-time redemption. */
export interface InviteRepository {
  get(code: string): Promise<Invite | undefined>;
  list(): Promise<Invite[]>;
  save(invite: Invite): Promise<void>;
  saveMany(invites: Invite[]): Promise<void>;
  /**
   * Redeems a code for a chat atomically: at most one chat ever redeems a code, even when
   * two try at once. Creates or updates the member it binds.
   */
  redeem(code: string, chat: RedeemingChat, now: string): Promise<RedeemResult>;
  /** Revokes an unused code. */
  revoke(code: string, now: string): Promise<"revoked" | "unknown" | "used" | "already-revoked">;
}
