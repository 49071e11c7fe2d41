import type { ChannelAdapter } from "./channel.js";
import { telegramChannel } from "./telegram/telegram-channel.js";
import { zaloChannel } from "./zalo/zalo-channel.js";

/** Every platform the service can speak on, in the order they start. */
export const CHANNEL_ADAPTERS: readonly ChannelAdapter[] = [telegramChannel, zaloChannel];
