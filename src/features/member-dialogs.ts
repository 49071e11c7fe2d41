import { createDialogEngine, type DialogEngine as Engine } from "../dialog/engine.js";
import type { Flow as AnyFlow, FlowEnv as AnyFlowEnv } from "../dialog/flow.js";
import type { DialogDeps } from "../dialog/turn.js";
import type { AppDeps } from "./app-deps.js";
import type { MemberContext } from "./feature.js";
import { keptPhoto } from "./kept-photos.js";

/** A flow of the features: its steps read a member's whole context (store, clock, locale). */
export type Flow<Data = unknown> = AnyFlow<Data, MemberContext>;
/** What a feature's flow builds its steps from. */
export type FlowEnv<Data> = AnyFlowEnv<Data, MemberContext>;
/** The dialog engine as features drive it, with a member's context. */
export type DialogEngine = Engine<MemberContext>;

/** The dialog engine over the features' flows, given what it needs out of the app's deps. */
export function createMemberDialogs(flows: Flow[], deps: AppDeps): DialogEngine {
  return createDialogEngine(flows, dialogDeps(deps));
}

/**
 * The one place the engine's dependencies are drawn from the app's: the drafts' repository
 * (where a revision check will go) and the loader of stored photos.
 */
export function dialogDeps(deps: AppDeps): DialogDeps {
  return {
    drafts: deps.store.dialogs,
    now: deps.now,
    random: deps.random,
    logger: deps.logger,
    loadPhoto: async (photo) => {
      const file = await keptPhoto(deps.store.files, photo);
      if (!file) throw new Error(`kept photo ${photo.file} is gone`);
      return file;
    },
  };
}
