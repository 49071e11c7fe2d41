import type { Answers, Next, Option, Step, Text } from "../../dialog/flow.js";
import { readClockTime, readScheduleInstant } from "../../domain/broadcast-schedule.js";
import { pad } from "../../domain/local-time.js";
import { labelKey } from "../../reference/labels.js";
import type { FlowEnv } from "../member-dialogs.js";
import { keepBroadcastPhoto } from "./broadcast-photos.js";
import { describeSchedule, reachLines } from "./broadcast-texts.js";
import {
  areaOption,
  areaOptions,
  areaText,
  nobodyReason,
  whoChoices,
  whoLabel,
} from "./composer-audience.js";
import {
  CONSENT_ANSWERS,
  type ComposerData,
  editedId,
  isWrittenStory,
  PICK_HAMLETS,
  STEP,
} from "./composer-data.js";

/** The longest text a broadcast may have (one chat message; longer ones are split on sending). */
export const MAX_BROADCAST_TEXT = 4000;
/** The longest story title. */
export const MAX_TITLE = 150;

const raw = (text: string): Text => ({ key: "broadcast:raw", params: { text } });
const label = (key: string, params?: Record<string, unknown>): Text =>
  params ? { key: `broadcast:${key}`, params } : { key: `broadcast:${key}` };

/** Whether the author has seen the preview once (or edits a broadcast): steps then lead back to it. */
function reviewing(env: FlowEnv<ComposerData>, answers: Answers): boolean {
  return (
    answers[STEP.preview] !== undefined ||
    editedId(env.context) !== undefined ||
    env.data.story !== undefined
  );
}

/**
 * Where the composer starts: the kind of message; the preview of a broadcast being edited; the
 * audience of a library story (its content is already written).
 */
export function routeComposer(env: FlowEnv<ComposerData>): Next {
  if (env.data.original) return STEP.preview;
  if (env.data.story) return env.data.orgs.length > 1 ? STEP.orgs : STEP.area;
  return STEP.kind;
}

/**
 * Every step of the composer: kind → (title) → text → photo → organisations → area (→ hamlets)
 * → who (everyone, the members, a role) → preview → send now, at a time, or weekly, with an urgent mark. The options are
 * built from the author's grants as stored, so a forged press naming another organisation or
 * area finds nothing to match.
 */
export function composerSteps(env: FlowEnv<ComposerData>): Step[] {
  const { data, ctx } = env;
  const { t, deps } = ctx;
  const timeZone = deps.config.timeZone;
  const story = (a: Answers) =>
    (a[STEP.kind] ?? data.original?.kind ?? (data.story ? "story" : undefined)) === "story";
  const afterContent = (a: Answers): Next => {
    if (story(a) && !a[STEP.title] && !data.draft.title) return STEP.title;
    return reviewing(env, a) ? STEP.preview : STEP.text;
  };
  const audienceStart = data.orgs.length > 1 ? STEP.orgs : STEP.area;
  const previewOrNext = (next: Next) => (a: Answers) => (reviewing(env, a) ? STEP.preview : next);
  // A story written here names people more often than not: their agreement is asked first.
  const written = (a: Answers) => story(a) && !data.draft.storyId && !data.original && !data.story;
  const afterText = (a: Answers): Next =>
    written(a) && a[STEP.consent] === undefined ? STEP.consent : previewOrNext(STEP.photo)(a);

  return [
    {
      id: STEP.kind,
      prompt: [label("ask.kind")],
      input: {
        kind: "choice",
        options: [
          { value: "campaign", label: label("kind.campaign") },
          { value: "story", label: label("kind.story") },
        ],
      },
      next: afterContent,
    },
    {
      id: STEP.title,
      prompt: [label("ask.title", { max: MAX_TITLE })],
      input: { kind: "text", maxLength: MAX_TITLE },
      next: previewOrNext(STEP.text),
    },
    {
      id: STEP.text,
      prompt: [label("ask.text", { max: MAX_BROADCAST_TEXT })],
      input: { kind: "text", maxLength: MAX_BROADCAST_TEXT },
      next: afterText,
    },
    {
      id: STEP.consent,
      prompt: [label("ask.consent")],
      input: {
        kind: "choice",
        options: CONSENT_ANSWERS.map((value) => ({ value, label: label(`consent.${value}`) })),
      },
      next: previewOrNext(STEP.photo),
    },
    {
      id: STEP.photo,
      prompt: [label(data.takesAudio ? "ask.photoOrAudio" : "ask.photo")],
      input: {
        kind: "photo",
        takes: data.takesAudio ? ["photo", "audio"] : ["photo"],
        max: 1,
        keep: keepBroadcastPhoto,
        doneLabel: label("photo.none"),
      },
      next: previewOrNext(audienceStart),
    },
    {
      id: STEP.orgs,
      prompt: [label("ask.orgs")],
      input: {
        kind: "multi-choice",
        options: data.orgs.map((org) => ({
          value: org.id,
          label: { key: labelKey("org", org.id), params: { defaultValue: org.name } },
        })),
        min: 1,
      },
      next: () => STEP.area,
    },
    {
      id: STEP.area,
      prompt: [label("ask.area")],
      input: { kind: "choice", options: areaOptions(data, t, env.ctx.locale) },
      next: (a) => (a[STEP.area] === PICK_HAMLETS ? STEP.hamlets : STEP.who),
    },
    {
      id: STEP.hamlets,
      prompt: [label("ask.hamlets")],
      input: {
        kind: "multi-choice",
        options: data.areas
          .filter((unit) => unit.kind === "hamlet")
          .map((unit) => areaOption(t, unit)),
        min: 1,
      },
      next: () => STEP.who,
    },
    {
      id: STEP.who,
      prompt: [label("ask.who", { area: areaText(env) })],
      input: {
        kind: "choice",
        options: whoChoices(data).map((who) => ({ value: who, label: whoLabel(env, who) })),
      },
      next: () => STEP.preview,
    },
    {
      id: STEP.preview,
      prompt: previewPrompt(env),
      // The file exactly as members get it, just above: the photo, or the recording to play.
      ...(data.draft.photo || data.draft.audio
        ? { photo: data.draft.photo ?? data.draft.audio }
        : {}),
      input: { kind: "choice", options: previewOptions(data, awaitsConsent(env)) },
      next: (a): Next => {
        switch (a[STEP.preview]) {
          case "now":
          case "keep":
            return { end: "finish" };
          case "at":
            return STEP.when;
          case "weekly":
            return STEP.weekday;
          case "urgent":
            return STEP.urgent;
          case "change":
            return STEP.change;
          default:
            return { end: "cancel" };
        }
      },
    },
    {
      id: STEP.urgent,
      prompt: [label("ask.urgent", { quiet: quietHoursText(deps.config.quietHours) })],
      input: { kind: "confirm", yes: label("urgent.yes"), no: label("urgent.no") },
      next: () => STEP.preview,
    },
    {
      id: STEP.when,
      prompt: [...whenRefusal(env), label("ask.when")],
      input: { kind: "text", maxLength: 100 },
      next: (a) =>
        readScheduleInstant(String(a[STEP.when] ?? ""), deps.now(), timeZone).ok
          ? { end: "finish" }
          : STEP.when,
    },
    {
      id: STEP.weekday,
      prompt: [label("ask.weekday")],
      input: {
        kind: "choice",
        options: [1, 2, 3, 4, 5, 6, 7].map((day) => ({
          value: String(day),
          label: label(`weekday.${day}`),
        })),
      },
      next: () => STEP.time,
    },
    {
      id: STEP.time,
      prompt: [
        ...(typeof env.answers[STEP.time] === "string" &&
        !readClockTime(String(env.answers[STEP.time]))
          ? [label("refusal.time", { typed: env.answers[STEP.time] })]
          : []),
        label("ask.time", {
          day: t(`broadcast:weekday.${String(env.answers[STEP.weekday] ?? 1)}`),
        }),
      ],
      input: { kind: "text", maxLength: 30 },
      next: (a) => (readClockTime(String(a[STEP.time] ?? "")) ? { end: "finish" } : STEP.time),
    },
    {
      id: STEP.change,
      prompt: [label("ask.change")],
      input: { kind: "choice", options: changeOptions(env, audienceStart) },
      next: (a) => String(a[STEP.change]),
    },
  ];
}

function previewPrompt(env: FlowEnv<ComposerData>): Text[] {
  const { data, ctx } = env;
  const lines: Text[] = [];
  if (data.original) {
    const when = describeSchedule(
      ctx.t,
      ctx.locale,
      data.original.schedule,
      ctx.deps.config.timeZone,
    );
    lines.push(label("preview.editing", { id: data.original.id, when }));
  }
  lines.push(label("preview.intro"), raw(data.previewText ?? ""));
  if (data.draft.photo) lines.push(label("preview.photo"));
  if (data.draft.audio) lines.push(label("preview.audio"));
  if (data.selection) {
    lines.push(
      raw(""),
      ...reachLines(ctx.t, ctx.locale, ctx.deps.channels, data.selection).map(raw),
    );
    if (data.selection.recipients.length === 0) lines.push(nobodyReason(env, data.selection));
  }
  if (data.draft.urgent) lines.push(label("preview.urgent"));
  if (awaitsConsent(env)) lines.push(label("preview.noConsent"));
  else if (ctx.deps.config.broadcastApproval) lines.push(label("preview.approval"));
  lines.push(label("ask.send"));
  return lines;
}

/** True while a story written here names someone who has not been asked: it cannot go out. */
export function awaitsConsent(env: Pick<FlowEnv<ComposerData>, "data" | "answers">): boolean {
  return isWrittenStory(env.data) && !isConsentGiven(env.answers[STEP.consent]);
}

/** True for a consent answer that lets a written story go out. */
export function isConsentGiven(answer: unknown): boolean {
  return (
    typeof answer === "string" &&
    answer !== "not-asked" &&
    CONSENT_ANSWERS.some((a) => a === answer)
  );
}

function previewOptions(data: ComposerData, blocked: boolean): Option[] {
  const options: Option[] = [];
  if ((data.selection?.recipients.length ?? 0) > 0 && !blocked) {
    if (data.original) options.push({ value: "keep", label: label("send.keep") });
    options.push(
      { value: "now", label: label("send.now") },
      { value: "at", label: label("send.at") },
      { value: "weekly", label: label("send.weekly") },
      { value: "urgent", label: label(data.draft.urgent ? "send.notUrgent" : "send.urgent") },
    );
  }
  options.push(
    { value: "change", label: label("send.change") },
    { value: "cancel", label: label("send.cancel") },
  );
  return options;
}

function changeOptions(env: FlowEnv<ComposerData>, audienceStart: string): Option[] {
  const story = env.data.draft.kind === "story";
  return [
    { value: STEP.kind, label: label("change.kind") },
    ...(story ? [{ value: STEP.title, label: label("change.title") }] : []),
    { value: STEP.text, label: label("change.text") },
    ...(isWrittenStory(env.data) ? [{ value: STEP.consent, label: label("change.consent") }] : []),
    { value: STEP.photo, label: label("change.photo") },
    { value: audienceStart, label: label("change.audience") },
    { value: STEP.preview, label: label("change.back") },
  ];
}

function whenRefusal(env: FlowEnv<ComposerData>): Text[] {
  const typed = env.answers[STEP.when];
  if (typeof typed !== "string") return [];
  const reading = readScheduleInstant(typed, env.ctx.deps.now(), env.ctx.deps.config.timeZone);
  return reading.ok ? [] : [label(`refusal.when.${reading.reason}`, { typed })];
}

function quietHoursText(quiet: { start: number; end: number } | null): string {
  if (!quiet) return "";
  const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  return `${clock(quiet.start)}–${clock(quiet.end)}`;
}
