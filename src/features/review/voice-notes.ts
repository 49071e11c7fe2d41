import type { Member } from "../../domain/member.js";
import type { HamletReport } from "../../domain/report.js";
import type { Unit } from "../../domain/unit.js";
import { unitInlineLabel } from "../../reference/labels.js";
import { formatDuration, formatWeek } from "../../render/format.js";
import type { MemberContext } from "../feature.js";
import { keptPhoto } from "../kept-photos.js";
import { playingTime } from "../reporting/report-review.js";

/**
 * Whether recordings reach the official in this chat: a platform that fetches files by link
 * cannot play one without `PUBLIC_URL`.
 */
function heardHere(ctx: MemberContext): boolean {
  return ctx.deps.filesShown[ctx.inbound.channel] ?? true;
}

/**
 * The card's line about the head's voice notes: that they came just above, or, where this
 * chat cannot play them, whom to call to hear them. None for a report without any.
 */
export function voiceNoteLine(
  ctx: MemberContext,
  report: HamletReport,
  author: Member | undefined,
): string | undefined {
  const notes = report.voiceNotes ?? [];
  if (notes.length === 0) return undefined;
  const { t } = ctx;
  const params = { count: notes.length, length: formatDuration(t, playingTime(notes)) };
  if (heardHere(ctx)) return t("review:card.voice", params);
  const name = author?.name ?? t("review:card.unknownAuthor");
  return author?.phone
    ? t("review:card.voiceNotHeard", { ...params, author: name, phone: author.phone })
    : t("review:card.voiceNotHeardNoPhone", { ...params, author: name });
}

/**
 * Sends the head's voice notes just before the report's card (so the card with its buttons is
 * the message the official acts on), each named (which one, whose, which report), to play
 * before deciding. A note whose file is gone is
 * logged and left out; nothing is sent where this chat cannot play them (the card says whom
 * to call instead).
 */
export async function sendVoiceNotes(
  ctx: MemberContext,
  report: HamletReport,
  hamlet: Unit,
): Promise<void> {
  const notes = report.voiceNotes ?? [];
  if (notes.length === 0 || !heardHere(ctx)) return;
  const { t, locale, deps } = ctx;
  const author = await deps.store.members.get(report.authorId);
  for (const [index, note] of notes.entries()) {
    const file = await keptPhoto(deps.store.files, note);
    if (!file) {
      deps.logger.warn({ reportId: report.id, file: note.file }, "review: a voice note is gone");
      continue;
    }
    const text = t("review:card.voiceNote", {
      index: index + 1,
      count: notes.length,
      author: author?.name ?? t("review:card.unknownAuthor"),
      week: formatWeek(locale, report.week),
      hamlet: unitInlineLabel(t, locale, hamlet),
    });
    await ctx.reply.send({ text, file });
  }
}
