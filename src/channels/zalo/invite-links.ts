import type { ChannelInvites } from "../channel.js";

/**
 * Zalo's invites: Zalo has no link that carries a code, so the bot's own link (`ZALO_BOT_LINK`,
 * from Zalo's bot manager) opens the bot and the person types the code there. First on cards:
 * most people in the province use Zalo, many nothing else.
 */
export const zaloInvites: ChannelInvites = {
  cardRank: 0,
  carriesCode: false,
  async linker(config) {
    const { botLink } = config.zalo;
    return botLink ? () => botLink : undefined;
  },
  lines: { link: "cli:invite.zaloLink", noLink: "cli:invite.zalo" },
  thenType: "cli:card.zaloThenType",
};
