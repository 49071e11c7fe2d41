import type { FinishOutcome } from "../../dialog/flow.js";
import { photosOf } from "../../dialog/photo-answers.js";
import type { BroadcastDraft, BroadcastSchedule } from "../../domain/broadcast.js";
import { readClockTime, readScheduleInstant } from "../../domain/broadcast-schedule.js";
import { formatNumber } from "../../render/format.js";
import type { Flow, FlowEnv } from "../member-dialogs.js";
import type { BroadcastEnv } from "./broadcast-env.js";
import { removeBroadcastPhotos } from "./broadcast-photos.js";
import { editBroadcast, type SubmitResult, submitBroadcast } from "./broadcast-service.js";
import { broadcastName, describeSchedule, refusalText } from "./broadcast-texts.js";
import {
  type ComposerData,
  editedId,
  isWrittenStory,
  loadComposerData,
  STEP,
} from "./composer-data.js";
import { awaitsConsent, composerSteps, routeComposer } from "./composer-steps.js";
import { keepWrittenStory, reserveStoryId } from "./written-story.js";

/** The id of the broadcast composer flow. */
export const COMPOSER_FLOW_ID = "broadcast";

/** The schedule the author picked on the preview, or undefined if what they typed cannot be read. */
function chosenSchedule(env: FlowEnv<ComposerData>): BroadcastSchedule | undefined {
  const { answers, data, ctx } = env;
  switch (answers[STEP.preview]) {
    case "now":
      return { kind: "now" };
    case "keep":
      return data.original?.schedule;
    case "at": {
      const reading = readScheduleInstant(
        String(answers[STEP.when] ?? ""),
        ctx.deps.now(),
        ctx.deps.config.timeZone,
      );
      return reading.ok ? { kind: "at", at: reading.at.toISOString() } : undefined;
    }
    case "weekly": {
      const time = readClockTime(String(answers[STEP.time] ?? ""));
      const weekday = Number(answers[STEP.weekday]);
      return time && weekday >= 1 && weekday <= 7 ? { kind: "weekly", weekday, time } : undefined;
    }
    default:
      return undefined;
  }
}

/** What the author is told once the broadcast is stored. */
function submitted(env: FlowEnv<ComposerData>, result: SubmitResult): FinishOutcome {
  const { t, locale, deps } = env.ctx;
  if (!result.ok) {
    return {
      kind: "refused",
      reason: refusalText(t, locale, result),
      keepDraft: result.reason === "out-of-scope" || result.reason === "ended-area",
    };
  }
  const { broadcast } = result;
  const name = broadcastName(t, broadcast);
  const when = describeSchedule(t, locale, broadcast.schedule, deps.config.timeZone);
  const lines: string[] = [];
  if (env.data.original)
    lines.push(t("broadcast:done.edited", { name, version: broadcast.version }));
  if (broadcast.state === "pending") {
    lines.push(
      result.approvers > 0
        ? t("broadcast:done.pending", { name })
        : t("broadcast:done.noApprover", { name }),
    );
  } else if (result.started) {
    const recipients = broadcast.runs.at(-1)?.recipients ?? 0;
    lines.push(
      t("broadcast:done.sending", {
        name,
        count: recipients,
        total: formatNumber(locale, recipients),
      }),
    );
  } else {
    lines.push(t("broadcast:done.scheduled", { name, when }));
  }
  return { kind: "done", message: { text: lines.join("\n") } };
}

/**
 * The `/broadcast` composer as a flow: what to send, to whom (within the author's scope), a
 * preview as members will see it with the numbers it reaches, then send now, at a time, or
 * weekly. Started with `{ editOf: id }` it edits a broadcast that has not gone out.
 */
export function composerFlow(env: BroadcastEnv): Flow<ComposerData> {
  return {
    id: COMPOSER_FLOW_ID,
    restart: { key: "broadcast:restart" },
    load: (ctx, context, answers) => loadComposerData(env, ctx, context, answers),
    steps: composerSteps,
    route: routeComposer,
    finish: async (flowEnv) => {
      const { data, ctx } = flowEnv;
      const { draft } = data;
      const schedule = chosenSchedule(flowEnv);
      if (editedId(flowEnv.context) && !data.original) {
        return {
          kind: "refused",
          reason: { key: "broadcast:refusal.not-editable" },
          keepDraft: false,
        };
      }
      if (!schedule || !draft.kind || !draft.text) {
        return {
          kind: "refused",
          reason: { key: "broadcast:refusal.incomplete" },
          keepDraft: true,
        };
      }
      if (awaitsConsent(flowEnv)) {
        return {
          kind: "refused",
          reason: { key: "broadcast:refusal.no-consent" },
          keepDraft: true,
        };
      }
      const written = isWrittenStory(data);
      const storyId = written ? await reserveStoryId(ctx.deps.store) : draft.storyId;
      const full: BroadcastDraft = {
        kind: draft.kind,
        ...(draft.kind === "story" && draft.title ? { title: draft.title } : {}),
        text: draft.text,
        ...(draft.photo ? { photo: draft.photo } : {}),
        ...(draft.audio ? { audio: draft.audio } : {}),
        ...(storyId ? { storyId } : {}),
        audience: {
          orgIds: draft.orgIds,
          areaIds: draft.areaIds,
          roles: draft.roles,
          among: draft.among,
        },
        schedule,
        urgent: draft.urgent,
      };
      const result = data.original
        ? await editBroadcast(env, ctx.member, data.original.id, data.original.version, full)
        : await submitBroadcast(env, ctx.member, full);
      if (result.ok && written && storyId) {
        await keepWrittenStory(env, flowEnv, storyId, result.broadcast);
      }
      return submitted(flowEnv, result);
    },
    discard: async (ctx, answers) => {
      // A photo or recording sent in a draft that never became a broadcast is nobody's.
      await removeBroadcastPhotos(ctx.deps.store.files, photosOf(answers[STEP.photo]));
    },
  };
}
