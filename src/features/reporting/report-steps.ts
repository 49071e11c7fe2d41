import type { Option, Step, Text } from "../../dialog/flow.js";
import { unitInlineLabel } from "../../reference/labels.js";
import { formatWeek } from "../../render/format.js";
import { labelText } from "../label-text.js";
import type { FlowEnv } from "../member-dialogs.js";
import { keepReportPhoto, keepReportVoiceNote } from "./photo-storage.js";
import {
  criteriaAnswer,
  fieldStepId,
  pickedFields,
  REVIEW_CHOICE,
  reportPhotos,
  reportVoiceNotes,
  routeReport,
  STEP,
  textAnswer,
} from "./report-answers.js";
import type { ReportData } from "./report-data.js";
import { reviewLines } from "./report-review.js";
import { fieldQuestion } from "./report-texts.js";

/** The most characters a good deed or a difficulty may have. */
export const MAX_TEXT_LENGTH = 1000;
/** The most photos a report may carry. */
export const MAX_REPORT_PHOTOS = 5;
/** The most voice notes a report may carry. */
export const MAX_VOICE_NOTES = 3;

const NOTHING_THIS_WEEK = "none";

/**
 * Every step of the weekly report as things stand: one per field of the shipped data (so a
 * field added to the data is asked with no code change), plus the fixed ones around them.
 */
export function reportSteps(env: FlowEnv<ReportData>): Step[] {
  return reportStepMakers(env).map(([, make]) => make());
}

/**
 * The one step with this id, built alone: the engine looks a step up on every message, and
 * building them all translated every field's question and the whole review each time.
 */
export function reportStep(env: FlowEnv<ReportData>, id: string): Step | undefined {
  return reportStepMakers(env).find(([stepId]) => stepId === id)?.[1]();
}

/** Each step's id, with how to build it: cheap to list, the texts made only when built. */
function reportStepMakers(env: FlowEnv<ReportData>): [string, () => Step][] {
  const { data, answers, ctx } = env;
  const { t, locale } = ctx;
  const next = (answersNow: typeof answers) => routeReport(data, answersNow);
  const mark = (done: boolean) => ({ mark: done ? " ✓" : "" });
  const header = (): Text[] => {
    if (!data.hamlet || !data.week) return [];
    return [
      {
        key: data.late ? "report:header.late" : "report:header.onTime",
        params: {
          week: formatWeek(locale, data.week),
          hamlet: unitInlineLabel(t, locale, data.hamlet),
        },
      },
      ...(data.existing
        ? [{ key: "report:header.replaces", params: { receipt: data.existing.receipt } }]
        : []),
    ];
  };

  const steps: [string, () => Step][] = [
    [
      STEP.hamlet,
      () => ({
        id: STEP.hamlet,
        prompt: [{ key: "report:ask.hamlet" }],
        input: {
          kind: "choice",
          options: data.hamlets.map((h) => ({
            value: h.id,
            label: labelText("unit", h.id, h.name),
          })),
        },
        next,
      }),
    ],
    [
      STEP.week,
      () => ({
        id: STEP.week,
        prompt: [
          ...(data.hamlet
            ? [
                {
                  key: "report:ask.weekFor",
                  params: { hamlet: unitInlineLabel(t, locale, data.hamlet) },
                },
              ]
            : []),
          { key: "report:ask.week" },
        ],
        input: {
          kind: "choice",
          options: data.weeks.map((w) => ({
            value: w.week,
            label: { key: `report:week.${w.kind}`, params: { week: formatWeek(locale, w.week) } },
          })),
        },
        next,
      }),
    ],
    [
      STEP.groups,
      () => ({
        id: STEP.groups,
        prompt: [...header(), { key: "report:ask.groups" }],
        input: {
          kind: "multi-choice",
          options: data.fields.groups.map((g) => ({
            value: g.id,
            label: labelText("group", g.id, g.label),
          })),
          none: { value: NOTHING_THIS_WEEK, label: { key: "report:groups.none" } },
          min: 1,
        },
        next,
      }),
    ],
    ...data.fields.groups.flatMap((group) =>
      group.fields.map((field): [string, () => Step] => [
        fieldStepId(field.id),
        () => ({
          id: fieldStepId(field.id),
          prompt: fieldQuestion(t, field),
          input: {
            kind: "number",
            unit: field.unit,
            min: field.min,
            max: field.max,
            label: field.label,
          },
          next,
        }),
      ]),
    ),
    [
      STEP.menu,
      () => ({
        id: STEP.menu,
        prompt: [{ key: "report:ask.menu" }],
        input: { kind: "choice", options: menuOptions(data, env, mark) },
        // Each option's value is the step it leads to (REVIEW_CHOICE is the review step).
        next: (a) => String(a[STEP.menu]),
      }),
    ],
    [
      STEP.criteria,
      () => ({
        id: STEP.criteria,
        prompt: [{ key: "report:ask.criteria" }],
        input: {
          kind: "multi-choice",
          options: data.unmetCriteria.map((c) => ({
            value: c.id,
            label: labelText("criterion", c.id, c.name),
          })),
        },
        next,
      }),
    ],
    [
      STEP.goodDeed,
      () => ({
        id: STEP.goodDeed,
        prompt: [{ key: "report:ask.goodDeed", params: { max: MAX_TEXT_LENGTH } }],
        input: { kind: "text", maxLength: MAX_TEXT_LENGTH },
        clears: [STEP.goodDeedPhoto],
        next: () => STEP.goodDeedPhoto,
      }),
    ],
    [
      STEP.goodDeedPhoto,
      () => ({
        id: STEP.goodDeedPhoto,
        prompt: [{ key: "report:ask.goodDeedPhoto" }],
        input: {
          kind: "photo",
          max: 1,
          keep: keepReportPhoto,
          doneLabel: { key: "report:goodDeed.noPhoto" },
        },
        next: () => STEP.goodDeedConsent,
      }),
    ],
    [
      STEP.goodDeedConsent,
      () => ({
        id: STEP.goodDeedConsent,
        prompt: [{ key: "report:ask.goodDeedConsent" }],
        input: {
          kind: "confirm",
          yes: { key: "report:goodDeed.consentYes" },
          no: { key: "report:goodDeed.consentNo" },
        },
        next,
      }),
    ],
    [
      STEP.difficulties,
      () => ({
        id: STEP.difficulties,
        prompt: [{ key: "report:ask.difficulties", params: { max: MAX_TEXT_LENGTH } }],
        input: { kind: "text", maxLength: MAX_TEXT_LENGTH },
        next,
      }),
    ],
    [
      STEP.photos,
      () => ({
        id: STEP.photos,
        prompt: [
          { key: "report:ask.photos", params: { max: MAX_REPORT_PHOTOS } },
          ...(reportPhotos(answers).length > 0
            ? [{ key: "report:photos.already", params: { count: reportPhotos(answers).length } }]
            : []),
        ],
        input: { kind: "photo", max: MAX_REPORT_PHOTOS, keep: keepReportPhoto },
        next,
      }),
    ],
    [
      STEP.voice,
      () => ({
        id: STEP.voice,
        prompt: [
          { key: "report:ask.voice", params: { max: MAX_VOICE_NOTES } },
          ...(reportVoiceNotes(answers).length > 0
            ? [{ key: "report:voice.already", params: { count: reportVoiceNotes(answers).length } }]
            : []),
        ],
        input: { kind: "photo", takes: ["audio"], max: MAX_VOICE_NOTES, keep: keepReportVoiceNote },
        next,
      }),
    ],
    [
      STEP.review,
      () => ({
        id: STEP.review,
        prompt: reviewLines(env),
        input: {
          kind: "choice",
          options: [
            { value: "submit", label: { key: "report:review.submit" } },
            { value: "change", label: { key: "report:review.change" } },
            { value: "cancel", label: { key: "report:review.cancel" } },
          ],
        },
        next: (a) =>
          a[STEP.review] === "submit"
            ? { end: "finish" }
            : a[STEP.review] === "change"
              ? STEP.change
              : { end: "cancel" },
      }),
    ],
    [
      STEP.change,
      () => ({
        id: STEP.change,
        prompt: [{ key: "report:ask.change" }],
        input: { kind: "choice", options: changeOptions(env) },
        next: (a) => String(a[STEP.change]),
      }),
    ],
  ];
  return steps;
}

function menuOptions(
  data: ReportData,
  env: FlowEnv<ReportData>,
  mark: (done: boolean) => { mark: string },
): Option[] {
  const { answers } = env;
  const options: Option[] = [];
  if (data.unmetCriteria.length > 0) {
    options.push({
      value: STEP.criteria,
      label: { key: "report:menu.criteria", params: mark(criteriaAnswer(answers).length > 0) },
    });
  }
  options.push(
    {
      value: STEP.goodDeed,
      label: { key: "report:menu.goodDeed", params: mark(!!textAnswer(answers, STEP.goodDeed)) },
    },
    {
      value: STEP.difficulties,
      label: {
        key: "report:menu.difficulties",
        params: mark(!!textAnswer(answers, STEP.difficulties)),
      },
    },
    {
      value: STEP.photos,
      label: { key: "report:menu.photos", params: mark(reportPhotos(answers).length > 0) },
    },
  );
  // Only where the platform hands voice notes to the bot (not Zalo's bot platform).
  if (takesVoice(env)) {
    options.push({
      value: STEP.voice,
      label: { key: "report:menu.voice", params: mark(reportVoiceNotes(answers).length > 0) },
    });
  }
  options.push({ value: REVIEW_CHOICE, label: { key: "report:menu.review" } });
  return options;
}

/** What the head may change from the review: the groups, each number, each extra. */
function changeOptions(env: FlowEnv<ReportData>): Option[] {
  const { data, answers } = env;
  return [
    { value: STEP.groups, label: { key: "report:change.groups" } },
    ...pickedFields(data, answers).map((f) => ({
      value: fieldStepId(f.id),
      label: labelText("field", f.id, f.label),
    })),
    ...(data.unmetCriteria.length > 0
      ? [{ value: STEP.criteria, label: { key: "report:change.criteria" } }]
      : []),
    { value: STEP.goodDeed, label: { key: "report:change.goodDeed" } },
    { value: STEP.difficulties, label: { key: "report:change.difficulties" } },
    { value: STEP.photos, label: { key: "report:change.photos" } },
    ...(takesVoice(env) || reportVoiceNotes(answers).length > 0
      ? [{ value: STEP.voice, label: { key: "report:change.voice" } }]
      : []),
    { value: STEP.review, label: { key: "report:change.back" } },
  ];
}

/** Whether the head's channel hands voice notes to the bot (as loaded with the data). */
function takesVoice(env: FlowEnv<ReportData>): boolean {
  return env.data.takesVoice === true;
}
