import { localTime, pad } from "../../domain/local-time.js";

/**
 * A scheduled occurrence as its outbox keys name it: the local wall-clock minute
 * (`2026-11-27T08:00`), the same whether cron fired it or the start-up catch-up did.
 */
export function slotOf(occurrence: Date, timeZone: string): string {
  const t = localTime(occurrence, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
}
