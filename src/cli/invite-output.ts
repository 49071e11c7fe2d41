import { writeFile } from "node:fs/promises";
import type { ChannelInvites } from "../channels/channel.js";
import { CHANNEL_ADAPTERS } from "../channels/registry.js";
import type { Invite } from "../domain/invite.js";
import { localDate } from "../domain/local-time.js";
import type { Channel } from "../domain/member.js";
import { formatDate } from "../render/format.js";
import type { CardLink } from "../render/invite-card.js";
import type { CommandContext } from "./command.js";

/** A platform as this run hands invites out on it: its name, and its link maker when it has one. */
export interface InviteChannel {
  id: Channel;
  /** The platform's name, printed under its QR code. */
  label: string;
  invites: ChannelInvites;
  /** Makes the platform's link for a code; absent when the config gives no way to make one. */
  link?: (code: string) => string;
}

/** An invite as the CLI hands it out: code, each platform's link (or null) and expiry. */
export interface HandedInvite {
  code: string;
  /** By field ("telegramLink"): the link, or null when none can be made. */
  links: Record<string, string | null>;
  expiresAt: string;
}

/**
 * The registry's platforms, in its order, each with what makes its invite links: learned once
 * per run (Telegram's username may be asked of Telegram, with a warning when that fails).
 */
export async function inviteChannels(
  context: Pick<CommandContext, "config" | "t" | "warn">,
): Promise<InviteChannel[]> {
  const channels: InviteChannel[] = [];
  for (const adapter of CHANNEL_ADAPTERS) {
    const link = await adapter.invites.linker(context.config, {
      t: context.t,
      warn: context.warn,
    });
    channels.push({
      id: adapter.id,
      label: String(context.t(adapter.nameKey)),
      invites: adapter.invites,
      ...(link ? { link } : {}),
    });
  }
  return channels;
}

/** The field a platform's link goes by in `--json` and CSV: "telegramLink". */
export function linkField(channel: Pick<InviteChannel, "id">): string {
  return `${channel.id}Link`;
}

/** The invite's code, links and expiry, as printed and as `--json` gives them. */
export function handedInvite(invite: Invite, channels: readonly InviteChannel[]): HandedInvite {
  const links: Record<string, string | null> = {};
  for (const channel of channels) links[linkField(channel)] = channel.link?.(invite.code) ?? null;
  return { code: invite.code, links, expiresAt: invite.expiresAt };
}

/** The links a card draws: the platforms that have one, in the cards' order. */
export function cardLinks(channels: readonly InviteChannel[], code: string): CardLink[] {
  return [...channels]
    .sort((a, b) => a.invites.cardRank - b.invites.cardRank)
    .flatMap((channel) =>
      channel.link
        ? [
            {
              label: channel.label,
              url: channel.link(code),
              ...(channel.invites.thenType ? { thenType: channel.invites.thenType } : {}),
            },
          ]
        : [],
    );
}

/** The last local day an invite works, in the admin's words: "27/12/2026". */
export function expiryText(
  context: Pick<CommandContext, "config" | "locale">,
  invite: Pick<HandedInvite, "expiresAt">,
): string {
  return formatDate(context.locale, localDate(new Date(invite.expiresAt), context.config.timeZone));
}

/** Writes a printable invite card (PNG) for an invite: a QR code per platform link. */
export async function writeInviteCard(
  context: Pick<CommandContext, "config" | "locale" | "t">,
  invite: HandedInvite,
  channels: readonly InviteChannel[],
  file: string,
): Promise<void> {
  const { renderInviteCard } = await import("../render/invite-card.js");
  const png = await renderInviteCard({
    code: invite.code,
    links: cardLinks(channels, invite.code),
    expiresOn: localDate(new Date(invite.expiresAt), context.config.timeZone),
    locale: context.locale,
    t: context.t,
  });
  await writeFile(file, png);
}
