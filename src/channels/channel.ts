import type { Config } from "../config.js";
import type { DeliveryChannel } from "../delivery/delivery-channel.js";
import type { Channel as ChannelId } from "../domain/member.js";
import type { AppDeps, PhotoFetcher } from "../features/app-deps.js";
import type { Router } from "../features/router.js";
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
  /** Stops taking updates and waits for those being handled. */
  stop(): Promise<void>;
}

/**
 * One platform, in nyaruka/courier's shape: it translates the platform's updates into Inbounds
 * (block and unblock included) for the router, renders Outbounds for its capabilities, and
 * brings its own sender, pace, photo fetcher and routes. A new platform is a new folder under
 * `src/channels/` with one of these, added to the registry.
 */
export interface ChannelAdapter {
  id: ChannelId;
  /** Whether the config asks for this channel (its token is set). */
  configured(config: Config): boolean;
  start(env: ChannelEnv): Promise<RunningChannel>;
}
