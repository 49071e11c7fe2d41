import type { Broadcast, BroadcastAuditEntry } from "../../domain/broadcast.js";
import type { BroadcastRepository } from "../broadcast-repository.js";
import { hashPartition } from "./collection-layout.js";
import type { CollectionOpener } from "./collection-opener.js";

/** Newest first: ids are sequence numbers, so the longer or larger id is the newer. */
function newestFirst(a: Broadcast, b: Broadcast): number {
  return b.createdAt.localeCompare(a.createdAt) || Number(b.id) - Number(a.id);
}

/**
 * Broadcasts on lowdb, spread over 8 files by id, and their audit trail in 8 more: approving
 * one broadcast rewrites two small files. Read-check-write happens within one tick, so the
 * compare-and-set holds for everything sharing this process (the CLI goes through its socket).
 */
export async function openBroadcasts(open: CollectionOpener): Promise<BroadcastRepository> {
  const broadcasts = await open<Broadcast>("broadcasts", {
    id: (b) => b.id,
    partition: hashPartition(8, (b) => b.id),
    indexes: { author: (b) => [b.authorId], state: (b) => [b.state] },
  });
  const trail = await open<BroadcastAuditEntry>("broadcast-audit", {
    id: (e) => `${e.broadcastId}#${e.seq}`,
    partition: hashPartition(8, (e) => e.broadcastId),
    indexes: { broadcast: (e) => [e.broadcastId] },
  });
  return {
    get: async (id) => broadcasts.get(id),
    save: async (broadcast, audit) => {
      const stored = broadcasts.get(broadcast.id);
      const expected = stored ? stored.revision + 1 : 0;
      if (broadcast.revision !== expected) return false;
      let seq = trail.find("broadcast", broadcast.id).length;
      const entries = audit.map((entry) => ({ ...entry, seq: ++seq }));
      await Promise.all([broadcasts.put(broadcast), trail.putMany(entries)]);
      return true;
    },
    list: async () => broadcasts.all().sort(newestFirst),
    listByAuthor: async (memberId) => broadcasts.find("author", memberId).sort(newestFirst),
    listInStates: async (states) =>
      states.flatMap((state) => broadcasts.find("state", state)).sort(newestFirst),
    audit: async (broadcastId) =>
      (broadcastId ? trail.find("broadcast", broadcastId) : trail.all()).sort(
        (a, b) => a.at.localeCompare(b.at) || a.seq - b.seq,
      ),
  };
}
