import type { BroadcastAuditEntry } from "../domain/broadcast.js";
import type { Locale } from "../domain/member.js";
import { formatDuration, formatInstant } from "../features/broadcasting/broadcast-texts.js";
import type { Translate } from "../i18n.js";

/** Details kept for the system, not for a reader of the trail. */
const INTERNAL = new Set(["purpose"]);

/**
 * The details of a broadcast's audit line as a reader takes them in: "loại tin: tin tuyên
 * truyền; gửi: ngay" rather than `kind=campaign schedule=now`. A detail this code does not
 * know yet (written by a newer version) is shown as it was stored.
 */
export function broadcastAuditDetails(
  t: Translate,
  locale: Locale,
  timeZone: string,
  details: BroadcastAuditEntry["details"],
): string {
  return Object.entries(details)
    .filter(([key]) => !INTERNAL.has(key))
    .map(([key, value]) => {
      const label = t(`broadcast:cli.details.${key}`, { defaultValue: "" });
      if (!label) return `${key}=${value}`;
      return `${label}: ${detailValue(t, locale, timeZone, key, value)}`;
    })
    .join("; ");
}

function detailValue(
  t: Translate,
  locale: Locale,
  timeZone: string,
  key: string,
  value: string | number | boolean,
): string {
  if (typeof value === "boolean") return String(t(`broadcast:cli.boolean.${value}`));
  switch (key) {
    case "kind":
      // The kind's name is a button label; mid-line it reads in lower case.
      return String(
        t(`broadcast:kind.${value}`, { defaultValue: String(value) }),
      ).toLocaleLowerCase(locale);
    case "schedule":
      return String(t(`broadcast:cli.scheduleKind.${value}`, { defaultValue: String(value) }));
    case "occurrence":
      return formatInstant(locale, new Date(String(value)), timeZone);
    case "durationMs":
      return formatDuration(t, Number(value));
    case "reason":
      return String(t(`broadcast:cli.reasons.${value}`, { defaultValue: String(value) }));
    default:
      return typeof value === "number" ? value.toLocaleString(locale) : String(value);
  }
}
