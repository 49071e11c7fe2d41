import type { i18n } from "i18next";
import type { Config } from "../config.js";
import type { Channel } from "../domain/member.js";
import type { Logger } from "../logger.js";
import type { InboundPhoto } from "../messaging/inbound.js";
import type { ChannelName } from "../render/channel-counts.js";
import type { Store } from "../store/store.js";

/** Downloads a photo (or a voice note) a person sent, by the platform's reference, capped in size. */
export interface PhotoFetcher {
  fetch(photo: InboundPhoto, maxBytes: number): Promise<Uint8Array>;
}

/**
 * What features need from the outside world, passed in (never imported singletons), so that
 * tests set the clock, the randomness and the store.
 */
export interface AppDeps {
  config: Config;
  store: Store;
  i18n: i18n;
  logger: Logger;
  /** The current instant; tests inject their own. */
  now: () => Date;
  /** A number in [0, 1); tests inject a seeded one. */
  random: () => number;
  /** Photo download per channel, set as each starts. */
  photos: Partial<Record<Channel, PhotoFetcher>>;
  /**
   * Per channel, set as each starts: whether photos and files reach people there (a platform
   * that fetches them by URL cannot without `PUBLIC_URL`). Absent: they do.
   */
  filesShown: Partial<Record<Channel, boolean>>;
  /**
   * Per channel, set as each starts: whether the platform hands bots the voice notes and
   * recordings people send (Telegram does; Zalo's bot platform does not). Absent: it does not.
   */
  audioReceived?: Partial<Record<Channel, boolean>>;
  /**
   * Per channel, set as each starts: whether it shows buttons. A message queued for later is
   * worded for its recipient's chat ("gõ 1 để …" where there are none). Absent: it does.
   */
  buttonsOn?: Partial<Record<Channel, boolean>>;
  /** The platforms the service speaks on, in the registry's order: counts per channel name them. */
  channels: readonly ChannelName[];
}
