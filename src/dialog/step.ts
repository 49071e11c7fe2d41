import type { Inbound, InboundAudio, InboundPhoto } from "../messaging/inbound.js";
import type { Outbound } from "../messaging/outbound.js";
import type { StoredDialog } from "../store/dialog-repository.js";
import { DIALOG_CHOICE_PREFIX } from "./choice-data.js";
import type { DialogEffect, DialogOutbound, DraftChange, Progress, StepSetup } from "./decision.js";
import type { Answers, Flow, FlowEnv, Next, Step, Text } from "./flow.js";
import { mediaKeys, stepTakes } from "./flow.js";
import { collectPhotos, photosOf } from "./photo-answers.js";
import { type Reading, readAnswer } from "./read-answer.js";
import { choicesOf, doneChoice, renderStep } from "./render-step.js";
import { say, sayLines } from "./text.js";
import type { DialogTurn } from "./turn.js";

/** A draft untouched for this long is dropped when next touched. */
export const DRAFT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Whether a message goes to the dialog engine at all: texts, photos, recordings, dialog
 * buttons, the unreadable.
 */
export function isForDialog(inbound: Inbound): boolean {
  return (
    inbound.kind === "text" ||
    inbound.kind === "photo" ||
    inbound.kind === "audio" ||
    inbound.kind === "unsupported" ||
    pressedDialogChoice(inbound)
  );
}

function pressedDialogChoice(inbound: Inbound): boolean {
  return (
    inbound.kind === "choice" && (inbound.choice?.data ?? "").startsWith(`${DIALOG_CHOICE_PREFIX}:`)
  );
}

/** Whether a draft was left untouched too long. */
export function isExpired(dialog: StoredDialog, now: Date): boolean {
  return now.getTime() - Date.parse(dialog.updatedAt) > DRAFT_LIFETIME_MS;
}

/** One message's work on one dialog: the flow, the draft as it changes, the data loaded. */
interface Session<Ctx extends DialogTurn> {
  flow: Flow<unknown, Ctx>;
  dialog: StoredDialog;
  data: unknown;
}

/**
 * Decides what one update does to the member's dialog: the draft it leaves, the messages to
 * send and the tidying to do. It never awaits, stores or sends: what needs I/O (a flow's data,
 * its finish, keeping photos) it asks of the caller and resumes with the result.
 */
export function step<Ctx extends DialogTurn>(setup: StepSetup<Ctx>): Progress<Ctx> {
  const { flows, ctx, stored, request } = setup;
  const t = ctx.t;
  const updatedAt = setup.now.toISOString();
  const outbounds: DialogOutbound[] = [];
  const effects: DialogEffect[] = [];

  const decided = (draft: DraftChange, handled = true): Progress<Ctx> => ({
    kind: "decided",
    decision: { handled, draft, outbounds, effects },
  });
  const send = (lines: readonly Text[]) => {
    outbounds.push({ kind: "send", message: { text: sayLines(t, lines) } });
  };
  const acknowledge = (notice?: string) => {
    outbounds.push(
      notice === undefined ? { kind: "acknowledge" } : { kind: "acknowledge", notice },
    );
  };
  const tidy = (flow: string, answers: Answers) => {
    if (Object.keys(answers).length > 0) effects.push({ kind: "tidy", flow, answers });
  };
  const movedBy = `${ctx.inbound.channel}:${ctx.inbound.updateId}`;
  const save = (s: Session<Ctx>, changes: Partial<StoredDialog>): DraftChange => ({
    kind: "save",
    dialog: { ...s.dialog, ...changes, updatedAt, movedBy },
  });
  const envOf = (s: Session<Ctx>): FlowEnv<unknown, Ctx> => ({
    ctx,
    data: s.data,
    context: s.dialog.context,
    answers: s.dialog.answers,
    startedAt: s.dialog.startedAt,
    draft: s.dialog.startedBy ?? s.dialog.startedAt,
  });
  const stepOf = (s: Session<Ctx>, id: string): Step | undefined =>
    s.flow.step
      ? s.flow.step(envOf(s), id)
      : s.flow.steps(envOf(s)).find((candidate) => candidate.id === id);
  const open = (
    flow: Flow<unknown, Ctx>,
    dialog: StoredDialog,
    then: (s: Session<Ctx>) => Progress<Ctx>,
  ): Progress<Ctx> => ({
    kind: "load",
    flow,
    context: dialog.context,
    answers: dialog.answers,
    resume: (data) => then({ flow, dialog, data }),
  });

  /** Asks a step, after any lead lines; the draft is saved at it. */
  function ask(
    s: Session<Ctx>,
    stepId: string,
    lead: Text[] = [],
    token = setup.token,
  ): Progress<Ctx> {
    let asked = stepOf(s, stepId);
    if (!asked) {
      // The data changed under the draft (a field removed): let the flow pick the step.
      const next = s.flow.route(envOf(s));
      if (typeof next !== "string") return go(s, next, lead);
      asked = stepOf(s, next);
      if (!asked) throw new Error(`flow ${s.flow.id} has no step ${stepId} nor ${next}`);
    }
    const message = renderStep({ step: asked, t, token, answers: s.dialog.answers, lead });
    if (asked.photo) outbounds.push({ kind: "photo", photo: asked.photo });
    outbounds.push(
      message.choices ? { kind: "send", message, asks: true } : { kind: "send", message },
    );
    return decided(save(s, { step: asked.id, token }));
  }

  /** Drops the draft for good, letting its flow tidy up what it held. */
  function drop(s: Session<Ctx>, lines: Text[]): Progress<Ctx> {
    send(lines);
    tidy(s.flow.id, s.dialog.answers);
    return decided({ kind: "remove" });
  }

  function go(s: Session<Ctx>, next: Next, lead: Text[] = []): Progress<Ctx> {
    if (typeof next === "string") return ask(s, next, lead);
    if (next.end === "cancel") return drop(s, [{ key: "dialog:cancelled" }, s.flow.restart]);
    return {
      kind: "finish",
      flow: s.flow,
      env: envOf(s),
      resume: (outcome) => {
        if (outcome.kind === "done") {
          outbounds.push({ kind: "send", message: outcome.message });
          return decided({ kind: "remove" });
        }
        if (outcome.keepDraft) return ask(s, s.dialog.step, [...lead, outcome.reason]);
        return drop(s, [...lead, outcome.reason]);
      },
    };
  }

  function answer(s: Session<Ctx>, answered: Step, value: unknown): Progress<Ctx> {
    const answers = { ...s.dialog.answers, [answered.id]: value };
    const cleared: Answers = {};
    for (const id of answered.clears ?? []) {
      if (id in answers) cleared[id] = answers[id];
      delete answers[id];
    }
    // What comes next may depend on this answer (the hamlet picked, say): reload the data and
    // let the step, rebuilt from it, decide.
    return open(s.flow, { ...s.dialog, answers }, (next) => {
      // What the cleared answers held (a photo of the story rewritten) would otherwise
      // outlive them; tidied once the draft no longer points at them.
      tidy(s.flow.id, cleared);
      return go(next, (stepOf(next, answered.id) ?? answered).next(answers));
    });
  }

  function keepPhotos(
    s: Session<Ctx>,
    at: Step,
    photos: Array<InboundPhoto | InboundAudio>,
  ): Progress<Ctx> {
    const input = at.input;
    // Photos are read as such only at a photo step.
    if (input.kind !== "photo") return decided({ kind: "unchanged" });
    const already = photosOf(s.dialog.answers[at.id]);
    return {
      kind: "keep",
      flow: s.flow,
      step: at.id,
      input,
      env: envOf(s),
      photos,
      room: Math.max(0, input.max - already.length),
      resume: (outcomes) => {
        const kept = collectPhotos(already, outcomes);
        if (kept.photos.length >= input.max) return answer(s, at, kept.photos);
        const lines: Text[] = kept.refusal ? [kept.refusal] : [];
        if (kept.photos.length > already.length || !kept.refusal) {
          lines.push({
            key: `dialog:${mediaKeys(input)}.received`,
            params: { count: kept.photos.length, max: input.max },
          });
        }
        lines.push({ key: "dialog:photo.more" });
        const message: Outbound = { text: sayLines(t, lines) };
        if (s.dialog.token) {
          const label = input.doneLabel ? say(t, input.doneLabel) : t("dialog:done");
          message.choices = [[doneChoice(s.dialog.token, label)]];
          message.choiceMode = "single";
        }
        outbounds.push({ kind: "send", message });
        return decided(save(s, { answers: { ...s.dialog.answers, [at.id]: kept.photos } }));
      },
    };
  }

  function act(s: Session<Ctx>, at: Step, reading: Reading, pressed: boolean): Progress<Ctx> {
    if (pressed) acknowledge(reading.kind === "stale" ? t("dialog:closedNotice") : undefined);
    switch (reading.kind) {
      case "stale":
        return ask(s, at.id, [{ key: "dialog:closed" }]);
      case "refused":
        return ask(s, at.id, [reading.reason]);
      case "photos":
        return keepPhotos(s, at, reading.photos);
      case "answer":
        return answer(s, at, reading.value);
      case "selection": {
        const answers = { ...s.dialog.answers, [at.id]: reading.value };
        const token = s.dialog.token ?? "";
        const message = renderStep({ step: at, t, token, answers });
        const messageId = ctx.inbound.choice?.messageId ?? s.dialog.promptMessage;
        outbounds.push(
          messageId ? { kind: "edit", messageId, message } : { kind: "send", message },
        );
        return decided(save(s, { answers }));
      }
    }
  }

  function start(flowId: string, context: Record<string, unknown>): Progress<Ctx> {
    const flow = flows.get(flowId);
    if (!flow) throw new Error(`unknown flow: ${flowId}`);
    if (stored?.flow === flowId && !isExpired(stored, setup.now)) {
      return open(flow, stored, (s) => ask(s, stored.step, [{ key: "dialog:resuming" }]));
    }
    if (stored) tidy(stored.flow, stored.answers);
    const dialog: StoredDialog = {
      memberId: ctx.member.id,
      flow: flowId,
      step: "",
      answers: {},
      context,
      startedAt: updatedAt,
      startedBy: movedBy,
      updatedAt,
    };
    return open(flow, dialog, (s) => go(s, flow.route(envOf(s))));
  }

  function handle(): Progress<Ctx> {
    if (!stored) return decided({ kind: "unchanged" }, false);
    const flow = flows.get(stored.flow);
    // A flow this version no longer has: the draft cannot go on.
    if (!flow) return decided({ kind: "remove" }, false);
    const { inbound } = ctx;
    const pressed = pressedDialogChoice(inbound);
    if (isExpired(stored, setup.now)) {
      if (pressed) acknowledge(t("dialog:closedNotice"));
      send([{ key: "dialog:expired" }, flow.restart]);
      tidy(flow.id, stored.answers);
      return decided({ kind: "remove" });
    }
    return open(flow, stored, (s) => {
      const current = stepOf(s, stored.step);
      if (!current) {
        if (pressed) acknowledge(t("dialog:closedNotice"));
        return go(s, flow.route(envOf(s)), [{ key: "dialog:closed" }]);
      }
      // The update that moved the draft here, handed again after a crash cut its handling
      // short: the question it led to is asked again (its buttons still good), not answered.
      if (stored.movedBy === movedBy) {
        if (pressed) acknowledge();
        return ask(s, current.id, [], stored.token);
      }
      // A sticker, a contact, or a voice note where none is asked for: say what can be read,
      // and ask the question again.
      const input = current.input;
      const audioHere = input.kind === "photo" && stepTakes(input, "audio");
      if (inbound.kind === "unsupported" || (inbound.kind === "audio" && !audioHere))
        return ask(s, current.id, [{ key: "dialog:unsupported" }]);
      const reading = readAnswer(inbound, {
        step: current,
        token: stored.token,
        answers: stored.answers,
        choices: choicesOf({
          step: current,
          t,
          token: stored.token ?? "",
          answers: stored.answers,
        }).flat(),
        labelOf: (text) => say(t, text),
      });
      return act(s, current, reading, pressed);
    });
  }

  function cancel(): Progress<Ctx> {
    if (!stored) return decided({ kind: "unchanged" }, false);
    const flow = flows.get(stored.flow);
    send([{ key: "dialog:cancelled" }, ...(flow ? [flow.restart] : [])]);
    tidy(stored.flow, stored.answers);
    return decided({ kind: "remove" });
  }

  switch (request.kind) {
    case "start":
      return start(request.flowId, request.context);
    case "message":
      return handle();
    case "cancel":
      return cancel();
  }
}
