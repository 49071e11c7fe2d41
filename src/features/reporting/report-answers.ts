import type { Answers, Next, NumberAnswer } from "../../dialog/flow.js";
import { photosOf } from "../../dialog/photo-answers.js";
import { isStoredAudio, type StoredAudio, type StoredPhoto } from "../../domain/report.js";
import type { ReportField, ReportFieldGroup } from "../../domain/report-fields.js";
import type { ReportData } from "./report-data.js";

/** The report flow's fixed steps; each field of the data adds a `field:<id>` step. */
export const STEP = {
  hamlet: "hamlet",
  week: "week",
  groups: "groups",
  menu: "menu",
  criteria: "criteria",
  goodDeed: "goodDeed",
  goodDeedPhoto: "goodDeedPhoto",
  goodDeedConsent: "goodDeedConsent",
  difficulties: "difficulties",
  photos: "photos",
  voice: "voice",
  review: "review",
  change: "change",
} as const;

/** The menu's value for "review and send", also kept as the menu's answer once chosen. */
export const REVIEW_CHOICE = "review";

/** The step that asks a report field. */
export function fieldStepId(fieldId: string): string {
  return `field:${fieldId}`;
}

/** The activity groups the head picked, in the data's order (none for "nothing this week"). */
export function pickedGroups(data: ReportData, answers: Answers): ReportFieldGroup[] {
  const picked = Array.isArray(answers[STEP.groups]) ? (answers[STEP.groups] as unknown[]) : [];
  return data.fields.groups.filter((group) => picked.includes(group.id));
}

/** The fields of the picked groups: the only numbers asked. */
export function pickedFields(data: ReportData, answers: Answers): ReportField[] {
  return pickedGroups(data, answers).flatMap((group) => group.fields);
}

/** A field's answer: a number as understood, null when skipped, undefined when not asked yet. */
export function fieldAnswer(answers: Answers, field: ReportField): NumberAnswer | null | undefined {
  const value = answers[fieldStepId(field.id)];
  if (value === null) return null;
  if (typeof value === "object" && typeof (value as NumberAnswer).value === "number") {
    return value as NumberAnswer;
  }
  return undefined;
}

/** A text answer, if given. */
export function textAnswer(answers: Answers, step: string): string | undefined {
  const value = answers[step];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The criteria claimed, as ids. */
export function criteriaAnswer(answers: Answers): string[] {
  const value = answers[STEP.criteria];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The report's photos so far. */
export function reportPhotos(answers: Answers): StoredPhoto[] {
  return photosOf(answers[STEP.photos]);
}

/** The voice notes recorded for the report so far. */
export function reportVoiceNotes(answers: Answers): StoredAudio[] {
  return photosOf(answers[STEP.voice]).filter(isStoredAudio);
}

/** The good deed's photo, if one was sent. */
export function goodDeedPhoto(answers: Answers): StoredPhoto | undefined {
  return photosOf(answers[STEP.goodDeedPhoto])[0];
}

/**
 * The next question of a report: the hamlet and week if not settled, the groups, then each
 * unanswered field of the groups picked, then the "anything else?" menu, or straight back to
 * the review once the head has reached it (after changing an answer).
 */
export function routeReport(data: ReportData, answers: Answers): Next {
  if (data.hamlets.length === 0) return { end: "finish" };
  if (!data.hamlet) return STEP.hamlet;
  if (!data.week) return STEP.week;
  if (!Array.isArray(answers[STEP.groups])) return STEP.groups;
  const unanswered = pickedFields(data, answers).find((f) => !(fieldStepId(f.id) in answers));
  if (unanswered) return fieldStepId(unanswered.id);
  return answers[STEP.menu] === REVIEW_CHOICE ? STEP.review : STEP.menu;
}
