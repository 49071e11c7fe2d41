import type { NumberAnswer, Text } from "../../dialog/flow.js";
import type { Locale } from "../../domain/member.js";
import type { StoredAudio } from "../../domain/report.js";
import type { ReportField } from "../../domain/report-fields.js";
import type { Translate } from "../../i18n.js";
import {
  criterionLabel,
  fieldLabel,
  fieldUnitLabel,
  groupLabel,
  unitInlineLabel,
} from "../../reference/labels.js";
import { formatDuration, formatNumber, formatWeek } from "../../render/format.js";
import { formatQuantity, scaleQuantity } from "../../render/quantity.js";
import type { FlowEnv } from "../member-dialogs.js";
import {
  criteriaAnswer,
  fieldAnswer,
  goodDeedPhoto,
  pickedFields,
  pickedGroups,
  reportPhotos,
  reportVoiceNotes,
  STEP,
  textAnswer,
} from "./report-answers.js";
import type { ReportData } from "./report-data.js";

/** A field's answer as understood, in the reader's number format and the field's unit. */
export function formatFieldValue(
  t: Translate,
  locale: Locale,
  field: ReportField,
  answer: NumberAnswer | null | undefined,
): string {
  if (answer === null || answer === undefined) return t("report:review.skipped");
  // Money under a million reads as people say it ("200 nghìn đồng", "0 đồng"); larger figures
  // stay in the unit the head typed them in.
  const amount =
    Math.abs(answer.value) < 1 && scaleQuantity(answer.value, field.unit).unit !== field.unit
      ? formatQuantity(locale, answer.value, field.unit, t)
      : `${formatNumber(locale, answer.value, 2)} ${fieldUnitLabel(t, field)}`;
  return answer.approximate ? t("report:review.approximate", { value: amount }) : amount;
}

/** The review: every answer as the bot understood it, one per line, before Submit. */
export function reviewLines(env: FlowEnv<ReportData>): Text[] {
  const { data, answers, ctx } = env;
  const { t, locale } = ctx;
  const lines: Text[] = [];
  if (data.hamlet && data.week) {
    lines.push({
      key: "report:review.title",
      params: {
        week: formatWeek(locale, data.week),
        hamlet: unitInlineLabel(t, locale, data.hamlet),
      },
    });
  }
  const groups = pickedGroups(data, answers);
  lines.push(
    groups.length > 0
      ? {
          key: "report:review.groups",
          params: { groups: groups.map((g) => groupLabel(t, g)).join(", ") },
        }
      : { key: "report:review.noGroups" },
  );
  for (const field of pickedFields(data, answers)) {
    lines.push({
      key: "report:review.line",
      params: {
        label: fieldLabel(t, field),
        value: formatFieldValue(t, locale, field, fieldAnswer(answers, field)),
      },
    });
  }
  const criteria = criteriaAnswer(answers)
    .map((id) => data.unmetCriteria.find((c) => c.id === id))
    .filter((c) => c !== undefined);
  if (criteria.length > 0) {
    lines.push({
      key: "report:review.criteria",
      params: { criteria: criteria.map((c) => criterionLabel(t, c)).join("; ") },
    });
  }
  const goodDeed = textAnswer(answers, STEP.goodDeed);
  if (goodDeed) {
    lines.push({ key: "report:review.goodDeed", params: { text: goodDeed } });
    lines.push({
      key: "report:review.goodDeedDetails",
      params: {
        photo: t(goodDeedPhoto(answers) ? "report:review.withPhoto" : "report:review.withoutPhoto"),
        consent: t(
          answers[STEP.goodDeedConsent] === true
            ? "report:review.consentGiven"
            : "report:review.consentMissing",
        ),
      },
    });
  }
  const difficulties = textAnswer(answers, STEP.difficulties);
  if (difficulties)
    lines.push({ key: "report:review.difficulties", params: { text: difficulties } });
  const photos = reportPhotos(answers).length;
  if (photos > 0) lines.push({ key: "report:review.photos", params: { count: photos } });
  const voiceNotes = reportVoiceNotes(answers);
  if (voiceNotes.length > 0) {
    lines.push({
      key: "report:review.voice",
      params: { count: voiceNotes.length, length: formatDuration(t, playingTime(voiceNotes)) },
    });
  }
  lines.push({ key: "report:review.confirm" });
  return lines;
}

/** How long a report's voice notes play together, in seconds (unknown lengths count 0). */
export function playingTime(notes: readonly StoredAudio[]): number {
  return notes.reduce((total, note) => total + (note.seconds ?? 0), 0);
}
