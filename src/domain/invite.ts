import type { Locale, Salutation } from "./member.js";
import type { Role } from "./role.js";

/**
 * A one-time invite code. Either it creates a member with the given roles on redemption, or
 * (with `memberId`) it binds a second identity to an existing member.
 */
export interface Invite {
  code: string;
  roles: Role[];
  unitId: string;
  orgIds: string[];
  name?: string;
  /** How the invited person is addressed, when the issuer knows. */
  salutation?: Salutation;
  locale: Locale;
  memberId?: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  usedBy?: string;
  revokedAt?: string;
}

/** The outcome of trying to redeem an invite code. */
export type RedeemResult =
  | { ok: true; memberId: string; created: boolean }
  | { ok: false; reason: "unknown" | "used" | "expired" | "revoked" }
  /**
   * The chat already has people and the invite is for someone else: nothing is redeemed
   * until the redeemer says to add them to the shared phone.
   */
  | { ok: false; reason: "shared"; onChat: string[]; name: string };
