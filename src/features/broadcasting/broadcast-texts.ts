import type { Text } from "../../dialog/flow.js";
import type { AudienceSelection, EndedArea } from "../../domain/audience.js";
import type { Broadcast, BroadcastSchedule, BroadcastState } from "../../domain/broadcast.js";
import { localTime, pad } from "../../domain/local-time.js";
import type { Locale, Member } from "../../domain/member.js";
import { reachableIdentity } from "../../domain/reachability.js";
import type { Translate } from "../../i18n.js";
import { unitInlineLabel } from "../../reference/labels.js";
import { type ChannelName, channelCountsText } from "../../render/channel-counts.js";
import { formatDate, formatNumber } from "../../render/format.js";

/**
 * Why a broadcast was refused, in the author's words: an ended area names the unit that took
 * over ("xã Hưng Đạo không còn nữa… phường Thục Phán").
 */
export function refusalText(
  t: Translate,
  locale: Locale,
  refusal: { reason: string; ended?: EndedArea },
): Text {
  const key = `broadcast:refusal.${refusal.reason}`;
  if (!refusal.ended) return { key };
  return {
    key,
    params: {
      area: unitInlineLabel(t, locale, refusal.ended.area),
      successor: unitInlineLabel(t, locale, refusal.ended.successor),
    },
  };
}

/** An instant as people read it here: "08:00 30/11/2026" / "08:00 30 Nov 2026". */
export function formatInstant(locale: Locale, at: Date, timeZone: string): string {
  const l = localTime(at, timeZone);
  const date = `${l.year}-${pad(l.month)}-${pad(l.day)}`;
  return `${pad(l.hour)}:${pad(l.minute)} ${formatDate(locale, date)}`;
}

/** When a broadcast goes out, in words: "ngay khi được duyệt", "lúc 08:00 30/11/2026", "08:00 thứ Hai hằng tuần". */
export function describeSchedule(
  t: Translate,
  locale: Locale,
  schedule: BroadcastSchedule,
  timeZone: string,
): string {
  switch (schedule.kind) {
    case "now":
      return t("broadcast:schedule.now");
    case "at":
      return t("broadcast:schedule.at", {
        when: formatInstant(locale, new Date(schedule.at), timeZone),
      });
    case "weekly":
      return t("broadcast:schedule.weekly", {
        time: schedule.time,
        day: t(`broadcast:weekday.${schedule.weekday}`),
      });
  }
}

/** A duration in minutes and seconds: "1 phút 5 giây". */
export function formatDuration(t: Translate, ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  if (minutes === 0) return t("broadcast:duration.seconds", { seconds });
  return t("broadcast:duration.minutes", { minutes, seconds: seconds % 60 });
}

/** Who an audience reaches, in numbers: per channel, and how many opted out or cannot be reached. */
export function reachLines(
  t: Translate,
  locale: Locale,
  channels: readonly ChannelName[],
  selection: AudienceSelection & { alsoReached?: readonly Member[] },
): string[] {
  const n = (value: number) => formatNumber(locale, value);
  const lines = [
    t("broadcast:reach.recipients", {
      count: selection.recipients.length,
      total: n(selection.recipients.length),
      channels: channelCountsText(t, locale, channels, selection.byChannel),
    }),
  ];
  const alsoReached = selection.alsoReached ?? [];
  if (alsoReached.length > 0) {
    // People sharing a phone are sent one message there, counted once above.
    const phones = new Set(
      alsoReached.flatMap((m) => {
        const identity = reachableIdentity(m);
        return identity ? [`${identity.channel}:${identity.chatId}`] : [];
      }),
    ).size;
    lines.push(
      t("broadcast:reach.sharedPhones", {
        count: phones,
        messages: n(phones),
        people: n(phones + alsoReached.length),
      }),
    );
  }
  if (selection.optedOut.length > 0 || selection.unreachable.length > 0) {
    lines.push(
      t("broadcast:reach.skipped", {
        optedOut: n(selection.optedOut.length),
        unreachable: n(selection.unreachable.length),
      }),
    );
  }
  return lines;
}

/** A state in words ("Chờ duyệt", "Đã gửi"…). */
export function stateLabel(t: Translate, state: BroadcastState): string {
  return t(`broadcast:state.${state}`);
}

/** A broadcast's name in lists and notices: its number and the start of its title or text. */
export function broadcastName(
  t: Translate,
  broadcast: Pick<Broadcast, "id" | "title" | "text">,
): string {
  const words = (broadcast.title ?? broadcast.text).replace(/\s+/g, " ").trim();
  const short = [...words].length > 40 ? `${[...words].slice(0, 40).join("").trimEnd()}…` : words;
  return t("broadcast:name", { id: broadcast.id, start: short });
}
