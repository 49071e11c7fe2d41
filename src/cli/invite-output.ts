import { writeFile } from "node:fs/promises";
import type { ChannelInvites } from "../channels/channel.js";
import { CHANNEL_ADAPTERS } from "../channels/registry.js";
import type { Invite } from "../domain/invite.js";
import { localDate } from "../domain/local-time.js";
import type { Channel } from "../domain/member.js";
import type { Role } from "../domain/role.js";
import type { UnitTree } from "../domain/unit-tree.js";
import { labelOf, unitInlineLabel, unitLabel } from "../reference/labels.js";
import { formatDate } from "../render/format.js";
import type { CardLink } from "../render/invite-card.js";
import type { SheetCard } from "../render/invite-sheet.js";
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

/** Who a named card is for: the person, their roles and unit, and their invite. */
export interface CardHolder {
  name: string;
  unitId: string;
  roles: readonly Role[];
  invite: Pick<Invite, "code" | "expiresAt">;
}

/** A person's card on a printed sheet: their name, role and place in words, links and expiry. */
export function sheetCard(
  context: Pick<CommandContext, "config" | "locale" | "t">,
  tree: UnitTree,
  holder: CardHolder,
  channels: readonly InviteChannel[],
): SheetCard {
  const { t } = context;
  return {
    code: holder.invite.code,
    name: holder.name,
    role: holder.roles.map((role) => labelOf(t, "role", role, role)).join(", "),
    place: placeOf(context, tree, holder.unitId),
    links: cardLinks(channels, holder.invite.code),
    expiresOn: localDate(new Date(holder.invite.expiresAt), context.config.timeZone),
  };
}

/** "Xóm Nam Phong 2, xã Hưng Đạo": the unit and the one above it, its kind lower-case inside. */
function placeOf(
  { t, locale }: Pick<CommandContext, "locale" | "t">,
  tree: UnitTree,
  unitId: string,
): string {
  const unit = tree.get(unitId);
  if (!unit) return unitId;
  const parent = unit.parent ? tree.get(unit.parent) : undefined;
  if (!parent || parent.kind === "city") return unitLabel(t, unit);
  return `${unitLabel(t, unit)}, ${unitInlineLabel(t, locale, parent)}`;
}

/**
 * File names after the people, readable on any computer: "hoang-van-thang-K7PM3Q" (the code
 * keeps two people of one name apart).
 */
export function personFileName(name: string, code: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug ? `${slug}-${code}` : code;
}
