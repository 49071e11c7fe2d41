import type { QuietHours } from "../config.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/store.js";
import type { DeliveryChannel } from "./delivery-channel.js";
import type { Outbox } from "./outbox.js";
import type { SharedPace } from "./shared-pace.js";
import type { Sleep } from "./timing.js";

/** How the worker is set up; everything but the store, quiet hours and zone has a default. */
export interface DeliveryWorkerOptions {
  store: Pick<Store, "outbox" | "members">;
  /** Woken up when something is queued (else it looks every `idlePollMs`). */
  outbox?: Outbox;
  channels?: DeliveryChannel[];
  quietHours: QuietHours | null;
  timeZone: string;
  /** Base of the exponential backoff after a transient error (`RETRY_BASE_MS`). */
  retryBaseMs: number;
  /** Attempts before a send with transient errors is `failed`; default 5. */
  maxAttempts?: number;
  /**
   * How long after its first try a send with transient errors is still retried, however many
   * attempts it took: a platform down for minutes must not use up the attempts of the one
   * message each member has in flight; default 1 hour.
   */
  retryForMs?: number;
  /** The longest backoff; default 10 minutes. */
  maxRetryDelayMs?: number;
  /** 429s waited out for one part before it counts as a failed attempt; default 10. */
  maxRateLimitRetries?: number;
  /**
   * A channel paused (429) longer than this puts its waiting sends back in the queue rather
   * than holding them under a lease; default 60 s. Keep it well under `leaseMs`.
   */
  maxHoldMs?: number;
  /**
   * Sends in flight at once over all channels; default 128. Fewer are claimed when the
   * channels' pace lets fewer out within a second (see `inFlightBound`). A send holds its slot
   * for a whole round trip to the platform, so the rate a channel can reach is about this many
   * divided by the round trip: 16 at a 30 ms round trip (a loaded machine) was 530 msg/s.
   */
  concurrency?: number;
  /**
   * How far ahead of the pace sends are claimed: at most what the channels let out in this
   * time (at least one) waits for its turn; default 250 ms. Only a send that waits is claimed
   * without being on the wire, so it is what a crash can leave claimed but unsent. Shorter
   * than a claim takes on a loaded machine (its record waits for the disk), and the pace
   * runs dry between claims: at 50 ms, 2 sends at L = 30.
   */
  claimAheadMs?: number;
  /** How long a claim holds an item; default 10 minutes. */
  leaseMs?: number;
  /** How often to look for due sends when nothing wakes the worker; default 1 s. */
  idlePollMs?: number;
  /** The least time between two progress reports of one batch; default 1 s. */
  progressIntervalMs?: number;
  /**
   * At start, take back every item left `sending` (one owner: lowdb), or only expired leases
   * (several instances: the others' sends in flight are theirs). With `expired`, the worker
   * also takes back expired leases every `recoverEveryMs` while it runs: a dead instance's
   * sends are finished by the live ones.
   */
  recoverAtStart?: "all" | "expired";
  /** Send slots shared with other instances on the same database, to keep a global rate. */
  sharedPace?: SharedPace;
  /** How often expired leases are taken back while running, with `expired`; default 15 s. */
  recoverEveryMs?: number;
  now?: () => Date;
  sleep?: Sleep;
  random?: () => number;
  logger?: Logger;
}
