import type { InboundPhoto } from "../messaging/inbound.js";
import type { Outbound } from "../messaging/outbound.js";
import type { StoredDialog } from "../store/dialog-repository.js";
import { DIALOG_CHOICE_PREFIX, newToken } from "./choice-data.js";
import type { Answers, Flow, FlowEnv, Next, Step, Text } from "./flow.js";
import { createMemberQueue } from "./member-queue.js";
import { collectPhotos, photosOf } from "./photo-answers.js";
import { type Reading, readAnswer } from "./read-answer.js";
import { choicesOf, doneChoice, renderStep } from "./render-step.js";
import { showStepPhoto } from "./step-photo.js";
import { say, sayLines } from "./text.js";
import type { DialogDeps, DialogTurn } from "./turn.js";

/** A draft untouched for this long is dropped when next touched. */
export const DRAFT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Runs guided conversations (flows) for members, one live dialog per member, kept in the Store. */
export interface DialogEngine<Ctx extends DialogTurn = DialogTurn> {
  /**
   * Starts a flow for the member. A live draft of the same flow is resumed at its step
   * instead; a draft of another flow is dropped.
   */
  start(ctx: Ctx, flowId: string, context: Record<string, unknown>): Promise<void>;
  /**
   * Takes a text, a photo or a dialog button (`d:…`) for the member's live dialog; true when
   * the member has one and the message was for it (an expired draft is reported and dropped).
   */
  handle(ctx: Ctx): Promise<boolean>;
  /** Drops the member's draft and says so; false when there was none. */
  cancel(ctx: Ctx): Promise<boolean>;
  /** The member's live (unexpired) dialog, if any. */
  active(memberId: string): Promise<StoredDialog | undefined>;
}

/** One message's work on one dialog: the flow, the draft as it changes, the data loaded. */
interface Session<Ctx extends DialogTurn> {
  ctx: Ctx;
  flow: Flow<unknown, Ctx>;
  dialog: StoredDialog;
  data: unknown;
  /** Whether the draft is in the store (its `revision` is then the one read or last saved). */
  stored: boolean;
}

/**
 * Another update of the same member (on another instance) saved the draft first: what this
 * one decided rests on a draft that is gone, so it is read again and decided again.
 */
class LostRace extends Error {
  constructor() {
    super("the draft was saved by another update first");
    this.name = "LostRace";
  }
}

/** How often an update is decided again after losing the race for its member's draft. */
const RACE_RETRIES = 5;

/** Builds the engine over the given flows; no side effects until it is used. */
export function createDialogEngine<Ctx extends DialogTurn>(
  flows: Flow<unknown, Ctx>[],
  deps: DialogDeps,
): DialogEngine<Ctx> {
  const byId = new Map(flows.map((flow) => [flow.id, flow]));
  const serially = createMemberQueue();
  const nowIso = () => deps.now().toISOString();
  const isExpired = (dialog: StoredDialog) =>
    deps.now().getTime() - Date.parse(dialog.updatedAt) > DRAFT_LIFETIME_MS;

  const envOf = (s: Session<Ctx>): FlowEnv<unknown, Ctx> => ({
    ctx: s.ctx,
    data: s.data,
    context: s.dialog.context,
    answers: s.dialog.answers,
    startedAt: s.dialog.startedAt,
  });

  async function open(ctx: Ctx, flow: Flow<unknown, Ctx>, dialog: StoredDialog, stored = true) {
    const data = await flow.load(ctx, dialog.context, dialog.answers);
    return { ctx, flow, dialog, data, stored } satisfies Session<Ctx>;
  }

  /**
   * Runs one update's work on the member's draft, again from a fresh read if another update
   * saved the draft first (never overwriting what it saved). Serial per member here; across
   * instances the draft's revision decides.
   */
  function decide<T>(memberId: string, work: () => Promise<T>): Promise<T> {
    return serially(memberId, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await work();
        } catch (error) {
          if (!(error instanceof LostRace) || attempt >= RACE_RETRIES) throw error;
          deps.logger.info(
            { memberId, attempt },
            "dialog: draft saved elsewhere first, deciding again",
          );
        }
      }
    });
  }

  const stepOf = (s: Session<Ctx>, id: string): Step | undefined =>
    s.flow.steps(envOf(s)).find((step) => step.id === id);

  /**
   * Saves the draft with what changed, as the next revision of the one this update read;
   * throws LostRace when another update saved first. Saves come before the sends they lead
   * to, so an update that loses has shown nothing of what it decided.
   */
  async function save(s: Session<Ctx>, changes: Partial<StoredDialog>): Promise<void> {
    const revision = s.stored ? (s.dialog.revision ?? 0) + 1 : 0;
    const next = { ...s.dialog, ...changes, updatedAt: nowIso(), revision };
    if (!(await deps.drafts.saveNext(next))) throw new LostRace();
    s.dialog = next;
    s.stored = true;
  }

  /** Asks a step (saving first, so a restart continues there), after any lead lines. */
  async function ask(s: Session<Ctx>, stepId: string, lead: Text[] = []): Promise<void> {
    let step = stepOf(s, stepId);
    if (!step) {
      // The data changed under the draft (a field removed): let the flow pick the step.
      const next = s.flow.route(envOf(s));
      if (typeof next !== "string") return go(s, next, lead);
      step = stepOf(s, next);
      if (!step) throw new Error(`flow ${s.flow.id} has no step ${stepId} nor ${next}`);
    }
    const token = newToken(deps.random);
    const message = renderStep({ step, t: s.ctx.t, token, answers: s.dialog.answers, lead });
    await save(s, { step: step.id, token });
    if (step.photo) await showStepPhoto(s.ctx, step.photo, deps);
    const sent = await s.ctx.reply.send(message);
    // Only where to edit a later tick: if another update saved meanwhile, its draft stands.
    if (message.choices) await save(s, { promptMessage: sent.messageId }).catch(ignoreLostRace);
  }

  /** Drops a draft for good, letting its flow tidy up. */
  async function discard(
    ctx: Ctx,
    flow: Flow<unknown, Ctx> | undefined,
    dialog: StoredDialog,
  ): Promise<void> {
    await deps.drafts.delete(dialog.memberId);
    try {
      await flow?.discard?.(ctx, dialog.answers);
    } catch (error) {
      // Tidying up is best effort: the draft is gone either way.
      deps.logger.warn({ err: error, flow: dialog.flow }, "a dropped draft was not tidied up");
    }
  }

  async function go(s: Session<Ctx>, next: Next, lead: Text[] = []): Promise<void> {
    if (typeof next === "string") return ask(s, next, lead);
    if (next.end === "cancel") {
      await discard(s.ctx, s.flow, s.dialog);
      await s.ctx.reply.send({
        text: sayLines(s.ctx.t, [{ key: "dialog:cancelled" }, s.flow.restart]),
      });
      return;
    }
    const outcome = await s.flow.finish(envOf(s));
    if (outcome.kind === "done") {
      await deps.drafts.delete(s.dialog.memberId);
      await s.ctx.reply.send(outcome.message);
    } else if (outcome.keepDraft) {
      await ask(s, s.dialog.step, [...lead, outcome.reason]);
    } else {
      await discard(s.ctx, s.flow, s.dialog);
      await s.ctx.reply.send({ text: sayLines(s.ctx.t, [...lead, outcome.reason]) });
    }
  }

  async function answer(s: Session<Ctx>, step: Step, value: unknown): Promise<void> {
    const answers = { ...s.dialog.answers, [step.id]: value };
    const cleared: Answers = {};
    for (const id of step.clears ?? []) {
      if (id in answers) cleared[id] = answers[id];
      delete answers[id];
    }
    s.dialog = { ...s.dialog, answers };
    // What comes next may depend on this answer (the hamlet picked, say): reload the data and
    // let the step, rebuilt from it, decide.
    s.data = await s.flow.load(s.ctx, s.dialog.context, answers);
    await go(s, (stepOf(s, step.id) ?? step).next(answers));
    // Only once the draft no longer points at them: what the cleared answers held (a photo of
    // the story rewritten) would otherwise outlive them on disk.
    if (Object.keys(cleared).length > 0) await tidy(s, cleared);
  }

  async function tidy(s: Session<Ctx>, cleared: Answers): Promise<void> {
    try {
      await s.flow.discard?.(s.ctx, cleared);
    } catch (error) {
      deps.logger.warn({ err: error, flow: s.dialog.flow }, "cleared answers were not tidied up");
    }
  }

  async function keepPhotos(s: Session<Ctx>, step: Step, photos: InboundPhoto[]): Promise<void> {
    const input = step.input;
    if (input.kind !== "photo") return;
    const already = photosOf(s.dialog.answers[step.id]);
    const kept = await collectPhotos(input, already, photos, envOf(s), deps.logger);
    if (kept.photos.length >= input.max) return answer(s, step, kept.photos);
    await save(s, { answers: { ...s.dialog.answers, [step.id]: kept.photos } });
    const t = s.ctx.t;
    const lines: Text[] = kept.refusal ? [kept.refusal] : [];
    if (kept.photos.length > already.length || !kept.refusal) {
      lines.push({
        key: "dialog:photo.received",
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
    await s.ctx.reply.send(message);
  }

  async function act(
    s: Session<Ctx>,
    step: Step,
    reading: Reading,
    pressed: boolean,
  ): Promise<void> {
    const { reply, t } = s.ctx;
    if (pressed)
      await reply.acknowledge(reading.kind === "stale" ? t("dialog:closedNotice") : undefined);
    switch (reading.kind) {
      case "stale":
        return ask(s, step.id, [{ key: "dialog:closed" }]);
      case "refused":
        return ask(s, step.id, [reading.reason]);
      case "photos":
        return keepPhotos(s, step, reading.photos);
      case "answer":
        return answer(s, step, reading.value);
      case "selection": {
        await save(s, { answers: { ...s.dialog.answers, [step.id]: reading.value } });
        const token = s.dialog.token ?? "";
        const message = renderStep({ step, t, token, answers: s.dialog.answers });
        const messageId = s.ctx.inbound.choice?.messageId ?? s.dialog.promptMessage;
        if (messageId) await reply.edit(messageId, message);
        else await reply.send(message);
      }
    }
  }

  async function expire(ctx: Ctx, flow: Flow<unknown, Ctx>, dialog: StoredDialog) {
    await discard(ctx, flow, dialog);
    await ctx.reply.send({ text: sayLines(ctx.t, [{ key: "dialog:expired" }, flow.restart]) });
  }

  return {
    start: (ctx, flowId, context) => {
      const flow = byId.get(flowId);
      if (!flow) throw new Error(`unknown flow: ${flowId}`);
      return decide(ctx.member.id, async () => {
        const existing = await deps.drafts.get(ctx.member.id);
        if (existing?.flow === flowId && !isExpired(existing)) {
          const s = await open(ctx, flow, existing);
          return ask(s, existing.step, [{ key: "dialog:resuming" }]);
        }
        if (existing) await discard(ctx, byId.get(existing.flow), existing);
        const now = nowIso();
        const dialog: StoredDialog = {
          memberId: ctx.member.id,
          flow: flowId,
          step: "",
          answers: {},
          context,
          startedAt: now,
          updatedAt: now,
        };
        const s = await open(ctx, flow, dialog, false);
        return go(s, flow.route(envOf(s)));
      });
    },

    handle: (ctx) => {
      const { inbound } = ctx;
      const pressed =
        inbound.kind === "choice" &&
        (inbound.choice?.data ?? "").startsWith(`${DIALOG_CHOICE_PREFIX}:`);
      const unreadable = inbound.kind === "unsupported";
      if (inbound.kind !== "text" && inbound.kind !== "photo" && !pressed && !unreadable) {
        return Promise.resolve(false);
      }
      return decide(ctx.member.id, async () => {
        const stored = await deps.drafts.get(ctx.member.id);
        if (!stored) return false;
        const flow = byId.get(stored.flow);
        if (!flow) {
          // A flow this version no longer has: the draft cannot go on.
          await deps.drafts.delete(ctx.member.id);
          return false;
        }
        if (isExpired(stored)) {
          if (pressed) await ctx.reply.acknowledge(ctx.t("dialog:closedNotice"));
          await expire(ctx, flow, stored);
          return true;
        }
        const s = await open(ctx, flow, stored);
        const step = stepOf(s, stored.step);
        if (!step) {
          if (pressed) await ctx.reply.acknowledge(ctx.t("dialog:closedNotice"));
          await go(s, flow.route(envOf(s)), [{ key: "dialog:closed" }]);
          return true;
        }
        // A sticker, a contact or a voice note: say what can be read, and ask the question again.
        if (unreadable) {
          await ask(s, step.id, [{ key: "dialog:unsupported" }]);
          return true;
        }
        const reading = readAnswer(inbound, {
          step,
          token: stored.token,
          answers: stored.answers,
          choices: choicesOf({
            step,
            t: ctx.t,
            token: stored.token ?? "",
            answers: stored.answers,
          }).flat(),
          labelOf: (text) => say(ctx.t, text),
        });
        await act(s, step, reading, pressed);
        return true;
      });
    },

    cancel: (ctx) =>
      serially(ctx.member.id, async () => {
        const stored = await deps.drafts.get(ctx.member.id);
        if (!stored) return false;
        const flow = byId.get(stored.flow);
        await discard(ctx, flow, stored);
        const lines: Text[] = [{ key: "dialog:cancelled" }, ...(flow ? [flow.restart] : [])];
        await ctx.reply.send({ text: sayLines(ctx.t, lines) });
        return true;
      }),

    active: async (memberId) => {
      const stored = await deps.drafts.get(memberId);
      return stored && !isExpired(stored) ? stored : undefined;
    },
  };
}

/** A save that only records where the last question is may lose to another update's. */
function ignoreLostRace(error: unknown): void {
  if (!(error instanceof LostRace)) throw error;
}
