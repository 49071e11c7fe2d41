import type { StoredPhoto } from "../domain/report.js";
import type { InboundAudio, InboundPhoto } from "../messaging/inbound.js";
import type { Outbound } from "../messaging/outbound.js";
import type { StoredDialog } from "../store/dialog-repository.js";
import type { Answers, FinishOutcome, Flow, FlowEnv, PhotoInput } from "./flow.js";
import type { PhotoKept } from "./photo-answers.js";
import type { DialogTurn } from "./turn.js";

/** What an update asks of the member's dialog. */
export type DialogRequest =
  /** Start a flow (or resume its live draft). */
  | { kind: "start"; flowId: string; context: Record<string, unknown> }
  /** Read the turn's message as an answer to the live draft. */
  | { kind: "message" }
  /** Drop the draft. */
  | { kind: "cancel" };

/** A message to the member, in the order they see them. */
export type DialogOutbound =
  /** `asks`: the message asks the draft's step with choices; later edits go to it. */
  | { kind: "send"; message: Outbound; asks?: true }
  | { kind: "edit"; messageId: string; message: Outbound }
  /** Answers the press of a button (a notice when the button is closed). */
  | { kind: "acknowledge"; notice?: string }
  /** A stored photo shown just above a step's question. */
  | { kind: "photo"; photo: StoredPhoto };

/** What becomes of the draft. */
export type DraftChange =
  | { kind: "unchanged" }
  /** Saved as the next revision of the draft read. */
  | { kind: "save"; dialog: StoredDialog }
  | { kind: "remove" };

/** Work with I/O once the draft is settled: a flow tidies up answers no draft holds any more. */
export interface DialogEffect {
  kind: "tidy";
  flow: string;
  answers: Answers;
}

/** What one update decided. */
export interface Decision {
  /** Whether the message was the dialog's (a member with no draft is someone else's). */
  handled: boolean;
  draft: DraftChange;
  outbounds: DialogOutbound[];
  effects: DialogEffect[];
}

/**
 * Where a step stands: decided, or waiting for I/O the shell does before it goes on (the
 * flow's data for some answers, the flow's finish, photos kept). Each `resume` is called once.
 */
export type Progress<Ctx extends DialogTurn = DialogTurn> =
  | { kind: "decided"; decision: Decision }
  | {
      kind: "load";
      flow: Flow<unknown, Ctx>;
      context: Record<string, unknown>;
      answers: Answers;
      resume(data: unknown): Progress<Ctx>;
    }
  | {
      kind: "finish";
      flow: Flow<unknown, Ctx>;
      env: FlowEnv<unknown, Ctx>;
      resume(outcome: FinishOutcome): Progress<Ctx>;
    }
  | {
      kind: "keep";
      flow: Flow<unknown, Ctx>;
      step: string;
      input: PhotoInput;
      env: FlowEnv<unknown, Ctx>;
      photos: ReadonlyArray<InboundPhoto | InboundAudio>;
      /** How many more may be kept: keeping stops there, refused photos not counted. */
      room: number;
      resume(outcomes: PhotoKept[]): Progress<Ctx>;
    };

/** What a step starts from. */
export interface StepSetup<Ctx extends DialogTurn> {
  flows: ReadonlyMap<string, Flow<unknown, Ctx>>;
  ctx: Ctx;
  /** The member's draft as read, if any. */
  stored: StoredDialog | undefined;
  request: DialogRequest;
  now: Date;
  /** A fresh token, for the question this update may ask. */
  token: string;
}
