import type { QuietHours } from "../config.js";
import type { Channel } from "../domain/member.js";
import type { Logger } from "../logger.js";
import type { Outbound } from "../messaging/outbound.js";
import type { OutboxOutcome } from "../store/outbox-repository.js";
import type { Store } from "../store/store.js";
import type { DeliveryChannel } from "./delivery-channel.js";
import type { ChannelPacer } from "./pacer.js";

/** A registered channel with its pacing. */
export interface Lane {
  channel: DeliveryChannel;
  pacer: ChannelPacer;
}

/** What one delivery attempt needs from the worker. */
export interface AttemptEnv {
  store: Pick<Store, "outbox" | "members">;
  lanes: ReadonlyMap<Channel, Lane>;
  quietHours: QuietHours | null;
  timeZone: string;
  retryBaseMs: number;
  maxRetryDelayMs: number;
  maxAttempts: number;
  /** How long since its first try a send failing with passing errors is still retried (see the worker's option). */
  retryForMs: number;
  maxRateLimitRetries: number;
  /** A channel paused longer than this hands its waiting sends back to the queue (leases stay short). */
  maxHoldMs: number;
  /**
   * Whether another live worker takes over a send whose lease ran out (instances sharing one
   * database): a send then goes out only with `maxHoldMs` of its lease left, or goes back.
   */
  leasesShared: boolean;
  now: () => Date;
  random: () => number;
  logger: Logger;
  payload: (payloadId: string) => Promise<Outbound | undefined>;
  /** Aborted by `stop()`: sends under way finish, waiting ones go back to the queue. */
  stopping: AbortSignal;
  /** Called each time a call to the platform is about to go out (its pace slot taken). */
  onTheWire?: () => void;
}

/**
 * How an attempt ended: finished (`sent`, `failed`, `blocked`), back in the queue (`retry`
 * after a transient error or to try another chat, `deferred` by quiet hours, `stopped` by a
 * shutdown), or `lost` when another worker took the lease over.
 */
export type AttemptOutcome = OutboxOutcome["state"] | "retry" | "deferred" | "stopped" | "lost";

/** The channels running now, those a member may be reached on. */
export function runningChannels(env: AttemptEnv): ReadonlySet<Channel> {
  return new Set(env.lanes.keys());
}
