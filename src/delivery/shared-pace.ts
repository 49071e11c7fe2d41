import type { Channel } from "../domain/member.js";

/**
 * The send slots of a channel, shared by every instance on one store (PostgreSQL): each send
 * reserves the next slot, one `intervalMs` after the previous one whoever took it, so all the
 * instances together keep the channel's rate instead of each keeping it alone.
 */
export interface SharedPace {
  /** Reserves the channel's next slot; resolves with how long to wait for it (ms, 0 = now). */
  reserve(channel: Channel, intervalMs: number): Promise<number>;
  /** Moves the channel's next slot past a pause the platform asked for (a 429's retry_after). */
  pause(channel: Channel, ms: number): Promise<void>;
}
