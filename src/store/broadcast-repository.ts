import type { Broadcast, BroadcastAuditEntry, BroadcastState } from "../domain/broadcast.js";

/**
 * Broadcasts and their audit trail. `save` is a compare-and-set on `revision`, so two changes
 * made from the same copy (two approvers pressing at once, a run finishing while an edit is
 * saved) never both win: the loser reads again and decides again.
 */
export interface BroadcastRepository {
  get(id: string): Promise<Broadcast | undefined>;
  /**
   * Stores the broadcast if its `revision` is one past the stored one (0 for a new broadcast),
   * together with the audit entries describing the change (their `seq` is assigned here).
   * False, and nothing stored, when someone else changed it first.
   */
  save(broadcast: Broadcast, audit: Omit<BroadcastAuditEntry, "seq">[]): Promise<boolean>;
  /** Every broadcast, newest first. */
  list(): Promise<Broadcast[]>;
  /** A member's broadcasts, newest first. */
  listByAuthor(memberId: string): Promise<Broadcast[]>;
  /** Broadcasts in any of these states, newest first. */
  listInStates(states: readonly BroadcastState[]): Promise<Broadcast[]>;
  /** The audit trail of one broadcast (or of all), oldest first. */
  audit(broadcastId?: string): Promise<BroadcastAuditEntry[]>;
}
