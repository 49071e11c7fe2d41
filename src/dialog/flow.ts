import type { StoredPhoto } from "../domain/report.js";
import type { InboundAudio, InboundPhoto } from "../messaging/inbound.js";
import type { Outbound } from "../messaging/outbound.js";
import type { DialogTurn } from "./turn.js";

/** Text to show, as a locale key and its parameters: flows never hold literal wording. */
export interface Text {
  key: string;
  params?: Record<string, unknown>;
}

/** One option of a choice: `value` is what is stored (and carried by its button), keep it short. */
export interface Option {
  value: string;
  label: Text;
}

/** Picks one option. */
export interface ChoiceInput {
  kind: "choice";
  options: Option[];
}

/**
 * Picks several options, then Done. `none` is an exclusive "nothing" answer (stored as an
 * empty list); `min` is the fewest options Done accepts (default 0).
 */
export interface MultiChoiceInput {
  kind: "multi-choice";
  options: Option[];
  none?: Option;
  min?: number;
}

/** A number in `unit`, between `min` and `max`, read as people type it ("1,2 km", "2 triệu", "ko"). */
export interface NumberInput {
  kind: "number";
  unit: string;
  min: number;
  max: number;
  /** What is counted, in the data's words: some readers name it when they refuse. */
  label: string;
}

/** Free text, at most `maxLength` characters. */
export interface TextInput {
  kind: "text";
  maxLength: number;
}

/** What a file step takes: photos, or voice notes and other recordings. */
export type FileMedia = "photo" | "audio";

/**
 * Up to `max` photos, one by one or as an album, then Done (labelled `doneLabel` if given);
 * with `takes`, voice notes and recordings instead of photos, or besides them.
 */
export interface PhotoInput {
  kind: "photo";
  /** What the step takes; default photos only. */
  takes?: readonly FileMedia[];
  max: number;
  /**
   * Keeps a photo (or recording) received: downloads and stores it, or refuses it with a
   * reason. A recording comes as an `InboundAudio` (see `isInboundAudio`). A method, so
   * that a flow's own keep may read its richer context: the engine passes the flow's through.
   */
  keep(
    photo: InboundPhoto | InboundAudio,
    env: FlowEnv<unknown>,
  ): Promise<StoredPhoto | { refused: Text }>;
  doneLabel?: Text;
}

/** Yes or no, stored as a boolean. */
export interface ConfirmInput {
  kind: "confirm";
  yes?: Text;
  no?: Text;
}

/** The kinds of answer a step can ask for. */
export type Input =
  | ChoiceInput
  | MultiChoiceInput
  | NumberInput
  | TextInput
  | PhotoInput
  | ConfirmInput;

/** A number as understood: the value in the step's unit, and whether the person said "about". */
export interface NumberAnswer {
  value: number;
  approximate: boolean;
}

/** Answers so far, by step id: a string, a list, a NumberAnswer (null when skipped), a boolean… */
export type Answers = Record<string, unknown>;

/** Where a step leads: another step by id, the flow's finish, or cancelling the draft. */
export type Next = string | { end: "finish" } | { end: "cancel" };

/** One question of a flow: what to ask, what kind of answer it takes, and where it leads. */
export interface Step {
  id: string;
  /** Lines of the question, shown joined. */
  prompt: Text[];
  input: Input;
  /** The next step, decided from every answer so far (this step's included). */
  next(answers: Answers): Next;
  /** Answers made meaningless when this one changes (e.g. the photo of a rewritten good deed). */
  clears?: string[];
  /** A stored photo shown just above the question (a preview "exactly as members will see it"). */
  photo?: StoredPhoto;
}

/** What a flow's steps are built from, for one member at one moment. */
export interface FlowEnv<Data, Ctx extends DialogTurn = DialogTurn> {
  /** The message being handled, in the context the flow's owner gave the engine. */
  ctx: Ctx;
  data: Data;
  /** Set once at the start. */
  context: Record<string, unknown>;
  answers: Answers;
  startedAt: string;
  /** The draft's identity: the update that started it (its start, for drafts kept from before). */
  draft: string;
}

/** How a flow ends when finished: a message to show, or a refusal (keeping or dropping the draft). */
export type FinishOutcome =
  | { kind: "done"; message: Outbound }
  | { kind: "refused"; reason: Text; keepDraft: boolean };

/**
 * A guided conversation as data: its steps are built from loaded data (so a data edit adds a
 * step), each step says what it asks and where it leads, and the engine does the rest.
 */
export interface Flow<Data = unknown, Ctx extends DialogTurn = DialogTurn> {
  id: string;
  /** Told when a draft expires or is cancelled: how to start again ("type /report"). */
  restart: Text;
  /** Loads what the steps are built from, on each message (data may change while a draft waits). */
  load(ctx: Ctx, context: Record<string, unknown>, answers: Answers): Promise<Data>;
  /** Every step of the flow as things stand. */
  steps(env: FlowEnv<Data, Ctx>): Step[];
  /**
   * The one step with this id as things stand, for a flow whose steps are costly to build
   * all at once (translated questions); the engine uses `steps` when it is not given.
   */
  step?(env: FlowEnv<Data, Ctx>, id: string): Step | undefined;
  /** The step to ask first, or when the stored step no longer exists. */
  route(env: FlowEnv<Data, Ctx>): Next;
  /** Acts on the finished answers: store them durably, then say what to show. */
  finish(env: FlowEnv<Data, Ctx>): Promise<FinishOutcome>;
  /** Tidies up after a draft that will never finish (cancelled or expired), e.g. its photos. */
  discard?(ctx: Ctx, answers: Answers): Promise<void>;
}

/** Whether a file step takes this kind of file. */
export function stepTakes(input: PhotoInput, media: FileMedia): boolean {
  return (input.takes ?? ["photo"]).includes(media);
}

/**
 * The locale keys' group for what a file step waits for: `dialog:photo.*`, `dialog:audio.*`
 * or, for a step that takes either, `dialog:photoOrAudio.*`.
 */
export function mediaKeys(input: PhotoInput): "photo" | "audio" | "photoOrAudio" {
  const photo = stepTakes(input, "photo");
  const audio = stepTakes(input, "audio");
  return photo && audio ? "photoOrAudio" : audio ? "audio" : "photo";
}
