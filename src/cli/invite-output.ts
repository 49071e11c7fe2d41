import { writeFile } from "node:fs/promises";
import type { Invite } from "../domain/invite.js";
import { localDate } from "../domain/local-time.js";
import { telegramInviteLink } from "../features/invites.js";
import { formatDate } from "../render/format.js";
import type { CommandContext } from "./command.js";

/** An invite as the CLI hands it out: code, Telegram link (or null) and expiry. */
export interface HandedInvite {
  code: string;
  telegramLink: string | null;
  expiresAt: string;
}

/** The invite's code, link and expiry, as printed and as `--json` gives them. */
export function handedInvite(invite: Invite, botUsername: string | undefined): HandedInvite {
  return {
    code: invite.code,
    telegramLink: botUsername ? telegramInviteLink(botUsername, invite.code) : null,
    expiresAt: invite.expiresAt,
  };
}

/** The last local day an invite works, in the admin's words: "27/12/2026". */
export function expiryText(
  context: Pick<CommandContext, "config" | "locale">,
  invite: HandedInvite,
): string {
  return formatDate(context.locale, localDate(new Date(invite.expiresAt), context.config.timeZone));
}

/**
 * Writes a printable invite card (PNG) for an invite; with `zaloLink` (the bot's link from
 * Zalo's bot manager) the card carries a second QR code that opens the bot on Zalo.
 */
export async function writeInviteCard(
  context: Pick<CommandContext, "config" | "locale" | "t">,
  invite: HandedInvite,
  file: string,
  zaloLink?: string,
): Promise<void> {
  const { renderInviteCard } = await import("../render/invite-card.js");
  const png = await renderInviteCard({
    code: invite.code,
    telegramLink: invite.telegramLink,
    zaloLink: zaloLink ?? null,
    expiresOn: localDate(new Date(invite.expiresAt), context.config.timeZone),
    locale: context.locale,
    t: context.t,
  });
  await writeFile(file, png);
}
