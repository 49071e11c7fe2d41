import type { Broadcast, BroadcastAction, BroadcastAuditEntry } from "../../domain/broadcast.js";
import type { BroadcastRefusal } from "../../domain/broadcast-lifecycle.js";
import type { BroadcastEnv } from "./broadcast-env.js";

/** An audit line as a use case writes it (the store numbers it). */
export type AuditLine = Omit<BroadcastAuditEntry, "seq" | "broadcastId" | "version" | "at">;

/** What a use case decides for the broadcast as it is now. */
export type Decision =
  | { kind: "change"; broadcast: Broadcast; audit: AuditLine[] }
  | { kind: "refuse"; reason: BroadcastRefusal | "not-found" | "not-allowed" | "out-of-scope" }
  | { kind: "nothing" };

/** The result of a change: the broadcast as stored after it, or why nothing changed. */
export type ChangeResult =
  | { ok: true; broadcast: Broadcast; changed: boolean }
  | { ok: false; reason: Exclude<Decision, { kind: "change" } | { kind: "nothing" }>["reason"] };

/** An audit line of one action. */
export function auditLine(
  action: BroadcastAction,
  actorId: string | undefined,
  details: AuditLine["details"] = {},
): AuditLine {
  return actorId === undefined ? { action, details } : { action, actorId, details };
}

/**
 * Reads the broadcast, lets `decide` choose from its current state, and stores the change
 * only if nobody changed it meanwhile; otherwise reads again and decides again. So two
 * approvers pressing at once, or a run ending while an edit is saved, never overwrite each other.
 */
export async function changeBroadcast(
  env: BroadcastEnv,
  id: string,
  at: string,
  decide: (current: Broadcast) => Decision | Promise<Decision>,
): Promise<ChangeResult> {
  const { store } = env.deps;
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await store.broadcasts.get(id);
    if (!current) return { ok: false, reason: "not-found" };
    const decision = await decide(current);
    if (decision.kind === "refuse") return { ok: false, reason: decision.reason };
    if (decision.kind === "nothing") return { ok: true, broadcast: current, changed: false };
    const next: Broadcast = { ...decision.broadcast, revision: current.revision + 1 };
    const audit = decision.audit.map((line) => ({
      ...line,
      broadcastId: id,
      version: next.version,
      at,
    }));
    if (await store.broadcasts.save(next, audit)) {
      // Observers (the story library) follow every stored change, as `onChange` promises.
      notify(env, next);
      return { ok: true, broadcast: next, changed: true };
    }
  }
  throw new Error(`broadcast ${id}: too many concurrent changes`);
}

/** Tells the observers of a stored change; an observer's mistake never undoes the change. */
export function notify(env: BroadcastEnv, broadcast: Broadcast): void {
  for (const observer of env.observers) {
    try {
      observer(broadcast);
    } catch (error) {
      env.deps.logger.error(
        { err: error, broadcast: broadcast.id },
        "broadcast: an observer failed",
      );
    }
  }
}
