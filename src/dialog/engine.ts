import type { StoredPhoto } from "../domain/report.js";
import { type InboundAudio, type InboundPhoto, isInboundAudio } from "../messaging/inbound.js";
import type { StoredDialog } from "../store/dialog-repository.js";
import { newToken } from "./choice-data.js";
import type {
  Decision,
  DialogEffect,
  DialogOutbound,
  DialogRequest,
  Progress,
} from "./decision.js";
import type { Flow } from "./flow.js";
import { createMemberQueue } from "./member-queue.js";
import type { PhotoKept } from "./photo-answers.js";
import { isExpired, isForDialog, step } from "./step.js";
import { showStepPhoto } from "./step-photo.js";
import type { DialogDeps, DialogTurn } from "./turn.js";

export { DRAFT_LIFETIME_MS } from "./step.js";

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

/** A step's request to keep photos. */
type KeepRequest<Ctx extends DialogTurn> = Extract<Progress<Ctx>, { kind: "keep" }>;

/** How often an update is decided again after losing the race for its member's draft. */
const RACE_RETRIES = 5;

/** A photo this update kept, and for which step: to tidy it if no decision ends up holding it. */
interface KeptByUpdate {
  photo: InboundPhoto | InboundAudio;
  flow: string;
  step: string;
  outcome: PhotoKept;
}

/**
 * Builds the engine over the given flows: a thin shell around the pure `step`. For each update
 * it reads the draft, does the I/O the step asks for, saves the draft the step decided as the
 * next revision of the one read (deciding again from a fresh read when another update saved
 * first), then sends and tidies. No side effects until it is used.
 */
export function createDialogEngine<Ctx extends DialogTurn>(
  flows: Flow<unknown, Ctx>[],
  deps: DialogDeps,
): DialogEngine<Ctx> {
  const byId = new Map(flows.map((flow) => [flow.id, flow]));
  const serially = createMemberQueue();

  /** Serial per member here; across instances the draft's revision decides. */
  function run(ctx: Ctx, request: DialogRequest): Promise<boolean> {
    const memberId = ctx.member.id;
    // Photos are kept once per update, however often it is decided again: a decision that
    // lost the race must not leave a second copy behind.
    const kept: KeptByUpdate[] = [];
    return serially(memberId, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await decideOnce(ctx, request, kept);
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

  async function decideOnce(
    ctx: Ctx,
    request: DialogRequest,
    kept: KeptByUpdate[],
  ): Promise<boolean> {
    const stored = await deps.drafts.get(ctx.member.id);
    const used = new Set<KeptByUpdate>();
    let progress: Progress<Ctx> = step({
      flows: byId,
      ctx,
      stored,
      request,
      now: deps.now(),
      token: newToken(deps.random),
    });
    while (progress.kind !== "decided") {
      switch (progress.kind) {
        case "load":
          progress = progress.resume(
            await progress.flow.load(ctx, progress.context, progress.answers),
          );
          break;
        case "finish":
          progress = progress.resume(await progress.flow.finish(progress.env));
          break;
        case "keep":
          progress = progress.resume(await keepAll(progress, kept, used));
          break;
      }
    }
    const { decision } = progress;
    const saved = await settle(stored, decision);
    await send(ctx, decision.outbounds, saved);
    // A draft goes once what ended it is said: cut short by a crash, the update comes again
    // and finds the draft (a report filed gives back its receipt).
    if (decision.draft.kind === "remove") await deps.drafts.delete(ctx.member.id);
    await tidy(ctx, [...decision.effects, ...unheld(kept, used)]);
    return decision.handled;
  }

  /**
   * Keeps the photos a step asks for, up to its room (refused ones not counted), reusing what
   * this update already kept for the same step in a decision that lost.
   */
  async function keepAll(
    keeping: KeepRequest<Ctx>,
    kept: KeptByUpdate[],
    used: Set<KeptByUpdate>,
  ): Promise<PhotoKept[]> {
    const flow = keeping.flow.id;
    const outcomes: PhotoKept[] = [];
    let room = keeping.room;
    for (const photo of keeping.photos) {
      if (room <= 0) break;
      let earlier = kept.find(
        (k) => k.photo === photo && k.flow === flow && k.step === keeping.step,
      );
      if (!earlier) {
        earlier = { photo, flow, step: keeping.step, outcome: await keepPhoto(keeping, photo) };
        kept.push(earlier);
      }
      used.add(earlier);
      outcomes.push(earlier.outcome);
      if (!("refused" in earlier.outcome)) room--;
    }
    return outcomes;
  }

  async function keepPhoto(
    keeping: KeepRequest<Ctx>,
    photo: InboundPhoto | InboundAudio,
  ): Promise<PhotoKept> {
    try {
      return await keeping.input.keep(photo, keeping.env);
    } catch (error) {
      deps.logger.warn({ err: error }, "a photo or recording could not be kept");
      return { refused: { key: `dialog:${isInboundAudio(photo) ? "audio" : "photo"}.failed` } };
    }
  }

  /**
   * Saves the draft decided as the next revision of the one read; throws LostRace when another
   * update saved first. Saves come before the sends they lead to, so an update that loses has
   * shown nothing of what it decided.
   */
  async function settle(
    stored: StoredDialog | undefined,
    decision: Decision,
  ): Promise<StoredDialog | undefined> {
    const draft = decision.draft;
    if (draft.kind !== "save") return undefined;
    const next = { ...draft.dialog, revision: stored ? (stored.revision ?? 0) + 1 : 0 };
    if (!(await deps.drafts.saveNext(next))) throw new LostRace();
    return next;
  }

  async function send(ctx: Ctx, outbounds: DialogOutbound[], saved: StoredDialog | undefined) {
    // A bare acknowledgement shows nothing in the chat, so it need not come before what
    // follows: it goes alongside the next message instead of costing a round trip ahead of it.
    const acknowledgements: Promise<void>[] = [];
    try {
      await sendInTurn(ctx, outbounds, saved, acknowledgements);
    } catch (error) {
      // Waited for even so, so that a failed one is never left unhandled.
      await Promise.allSettled(acknowledgements);
      throw error;
    }
    await Promise.all(acknowledgements);
  }

  async function sendInTurn(
    ctx: Ctx,
    outbounds: DialogOutbound[],
    saved: StoredDialog | undefined,
    acknowledgements: Promise<void>[],
  ) {
    let draft = saved;
    for (const outbound of outbounds) {
      switch (outbound.kind) {
        case "acknowledge":
          if (outbound.notice === undefined) acknowledgements.push(ctx.reply.acknowledge());
          else await ctx.reply.acknowledge(outbound.notice);
          break;
        case "photo":
          await showStepPhoto(ctx, outbound.photo, deps);
          break;
        case "edit":
          await ctx.reply.edit(outbound.messageId, outbound.message);
          break;
        case "send": {
          const sent = await ctx.reply.send(outbound.message);
          if (outbound.asks && draft) {
            // Only where to edit a later tick: if another update saved meanwhile, its draft stands.
            const next = {
              ...draft,
              promptMessage: sent.messageId,
              updatedAt: deps.now().toISOString(),
              revision: (draft.revision ?? 0) + 1,
            };
            if (await deps.drafts.saveNext(next)) draft = next;
          }
        }
      }
    }
  }

  /** Lets flows tidy what no draft holds any more; best effort, the draft is settled. */
  async function tidy(ctx: Ctx, effects: DialogEffect[]): Promise<void> {
    for (const effect of effects) {
      try {
        await byId.get(effect.flow)?.discard?.(ctx, effect.answers);
      } catch (error) {
        deps.logger.warn({ err: error, flow: effect.flow }, "answers dropped were not tidied up");
      }
    }
  }

  return {
    start: async (ctx, flowId, context) => {
      await run(ctx, { kind: "start", flowId, context });
    },
    handle: (ctx) =>
      isForDialog(ctx.inbound) ? run(ctx, { kind: "message" }) : Promise.resolve(false),
    cancel: (ctx) => run(ctx, { kind: "cancel" }),
    active: async (memberId) => {
      const stored = await deps.drafts.get(memberId);
      return stored && !isExpired(stored, deps.now()) ? stored : undefined;
    },
  };
}

/**
 * Photos this update kept in an earlier decision that lost the race, and that the decision
 * that stood did not take: as the flow's answers at their step, for the flow to tidy.
 */
function unheld(kept: readonly KeptByUpdate[], used: Set<KeptByUpdate>): DialogEffect[] {
  const effects: DialogEffect[] = [];
  for (const keeping of kept) {
    if (used.has(keeping) || "refused" in keeping.outcome) continue;
    const photos: StoredPhoto[] = [keeping.outcome];
    effects.push({ kind: "tidy", flow: keeping.flow, answers: { [keeping.step]: photos } });
  }
  return effects;
}
