import type { Config } from "../config.js";
import type { DeliveryChannel } from "../delivery/delivery-channel.js";
import type { Channel as ChannelId } from "../domain/member.js";
import type { AppDeps, PhotoFetcher } from "../features/app-deps.js";
import type { Router } from "../features/router.js";
import type { Translate } from "../i18n.js";
import type { HttpRoute } from "./http-server.js";
import type { ServedFiles } from "./served-files.js";

/** What a platform can show, so that what is common to all is decided once, above it. */
export interface ChannelCapabilities {
  /** Inline buttons and the most bytes a button's data may carry; absent: numbered lines. */
  buttons?: { maxDataBytes: number };
  /** Whether a sent message can be edited in place (else an edit is sent anew). */
  edits: boolean;
  /** How a photo reaches a person: uploaded, fetched by the platform from a URL, or not at all. */
  photos: "upload" | "url" | "none";
  /** The most characters one text message may carry. */
  maxTextLength: number;
  /** Whether voice notes and recordings people send reach the bot (absent: they do not). */
  receivesAudio?: boolean;
}

/** What starting a channel is given: the app's deps, where updates go, files served by link. */
export interface ChannelEnv {
  deps: AppDeps;
  router: Router;
  /** Set when `PUBLIC_URL` is: files a platform fetches by URL are published there. */
  servedFiles?: ServedFiles;
}

/** A channel once started: everything the app wires, and how to stop it. */
export interface RunningChannel {
  id: ChannelId;
  capabilities: ChannelCapabilities;
  /** The lane the delivery worker sends this platform's proactive messages by (sender and pace). */
  lane: DeliveryChannel;
  /** Downloads the photos people send on this platform. */
  photos: PhotoFetcher;
  /** Routes to serve in webhook mode (empty when polling). */
  routes: HttpRoute[];
  /** The bot's own name on the platform, when it has one that links can carry. */
  username?: string;
  /** The bot's account as the platform names it, for the operator's log ("connected as …"). */
  account: string;
  /** What is wrong with this platform's setup, for the operator: logged at start, in `/healthz`. */
  warnings?: readonly string[];
  /** Stops taking updates and waits for those being handled. */
  stop(): Promise<void>;
}

/** What finding the bot's own account may need: words for a warning, and where to say it. */
export interface InviteLookup {
  t: Translate;
  warn(message: string): void;
  fetch?: typeof fetch;
}

/**
 * How an invite reaches a person on a platform: the link printed beside its code and drawn as
 * a QR code on cards, and the CLI's line about joining there.
 */
export interface ChannelInvites {
  /** Where this platform's QR code sits on a card among several: lower first. */
  cardRank: number;
  /** Whether the link redeems the code in one tap, or only opens the bot (the code is typed). */
  carriesCode: boolean;
  /**
   * What makes this platform's link for a code, learned once from the config (asking the
   * platform when the config lacks the bot's account); undefined when no link can be made.
   */
  linker(config: Config, lookup: InviteLookup): Promise<((code: string) => string) | undefined>;
  /** Locale keys of the CLI's line about joining here, with a link or without (`code`, `link`). */
  lines: { link: string; noLink: string };
  /** Locale key of the card's line for a link that carries no code: open the bot, then type it. */
  thenType?: string;
}

/**
 * One platform, in nyaruka/courier's shape: it translates the platform's updates into Inbounds
 * (block and unblock included) for the router, renders Outbounds for its capabilities, and
 * brings its own sender, pace, photo fetcher and routes. A new platform is a new folder under
 * `src/channels/` with one of these, added to the registry.
 */
export interface ChannelAdapter {
  id: ChannelId;
  /** Locale key of the platform's name as people know it ("Telegram"). */
  nameKey: string;
  /** Locale key of the start-up line naming the variable that turns this channel on. */
  tokenHintKey: string;
  invites: ChannelInvites;
  /** Whether the config asks for this channel (its token is set). */
  configured(config: Config): boolean;
  start(env: ChannelEnv): Promise<RunningChannel>;
}

/**
 * The platform's API could not be reached at start (network down, DNS, a 5xx): worth trying
 * again, unlike a refused token. The app keeps retrying and says so in the log.
 */
export class ChannelUnreachableError extends Error {}
