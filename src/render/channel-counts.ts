import type { Channel, Locale } from "../domain/member.js";
import type { Translate } from "../i18n.js";
import { formatNumber } from "./format.js";

/** A platform as messages name it: its id and the locale key of its name ("Telegram"). */
export interface ChannelName {
  id: Channel;
  nameKey: string;
}

/**
 * How many are reached on each platform, in the registry's order, every platform named even
 * when none is reached there: "Telegram 3, Zalo 0".
 */
export function channelCountsText(
  t: Translate,
  locale: Locale,
  channels: readonly ChannelName[],
  byChannel: ReadonlyMap<Channel, number>,
): string {
  return channels
    .map((channel) =>
      t("common:channelCount", {
        name: t(channel.nameKey),
        count: formatNumber(locale, byChannel.get(channel.id) ?? 0),
      }),
    )
    .join(", ");
}
