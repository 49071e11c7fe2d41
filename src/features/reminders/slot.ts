import type { Outbox } from "../../delivery/outbox.js";
import { localTime, pad } from "../../domain/local-time.js";
import type { Member } from "../../domain/member.js";

/** What the reminder and escalation jobs need of the outbox. */
export type ProactiveOutbox = Pick<Outbox, "enqueueMany">;

/**
 * A scheduled occurrence as its outbox keys name it: the local wall-clock minute
 * (`2026-11-27T08:00`), the same whether cron fired it or the start-up catch-up did.
 */
export function slotOf(occurrence: Date, timeZone: string): string {
  const t = localTime(occurrence, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
}

/**
 * True for a member a scheduled message can go to: active, not erased, and bound to at least
 * one chat. Opting out of broadcasts (`/stop`) does not matter here: reminders are work.
 */
export function reachable(member: Member): boolean {
  return member.active && !member.forgottenAt && member.identities.length > 0;
}
