import { readFieldAnswer } from "../domain/number-reading.js";
import type { Inbound, InboundAudio, InboundPhoto } from "../messaging/inbound.js";
import { readTypedChoice } from "../messaging/numbered-choices.js";
import type { Choice } from "../messaging/outbound.js";
import { typedForm } from "../messaging/typed-form.js";
import { DONE_VALUE, readChoiceData } from "./choice-data.js";
import { type Answers, type Input, mediaKeys, type Step, stepTakes, type Text } from "./flow.js";
import { findOption } from "./options.js";
import { selectionOf } from "./render-step.js";

/** What a message means for the current step. */
export type Reading =
  /** The step is answered with this value. */
  | { kind: "answer"; value: unknown }
  /** A multi-choice selection changed; the step waits for Done. */
  | { kind: "selection"; value: string[] }
  /** Photos (or recordings) to keep for a file step. */
  | { kind: "photos"; photos: Array<InboundPhoto | InboundAudio> }
  /** Not an acceptable answer: say why, and ask again. */
  | { kind: "refused"; reason: Text }
  /** A choice of an earlier question. */
  | { kind: "stale" };

/** The current step, as far as reading a message goes. */
export interface StepState {
  step: Step;
  token: string | undefined;
  answers: Answers;
  /** The step's choices as shown, to read a typed pick against (a number, a label's words). */
  choices: readonly Choice[];
  /** Labels in the reader's language, to recognise a typed label. */
  labelOf: (text: Text) => string;
}

const refuse = (key: string, params?: Record<string, unknown>): Reading => ({
  kind: "refused",
  reason: params ? { key, params } : { key },
});

/**
 * Reads a message as an answer to the current step, re-checking everything a choice claims
 * against what this step offers now (a forged or stale pick is never taken at its word).
 */
export function readAnswer(inbound: Inbound, state: StepState): Reading {
  if (inbound.kind === "choice") return readPick(inbound.choice ?? { data: "" }, state);
  const input = state.step.input;
  if (inbound.kind === "photo") {
    if (input.kind !== "photo" || !stepTakes(input, "photo")) return refuse("dialog:photo.notHere");
    return { kind: "photos", photos: inbound.photos ?? [] };
  }
  if (inbound.kind === "audio") {
    if (input.kind !== "photo" || !stepTakes(input, "audio") || !inbound.audio) {
      return refuse("dialog:audio.notHere");
    }
    return { kind: "photos", photos: [inbound.audio] };
  }
  return readTyped(inbound.text ?? "", state);
}

function readPick(choice: NonNullable<Inbound["choice"]>, state: StepState): Reading {
  const pressed = readChoiceData(choice.data);
  if (!pressed || pressed.token !== state.token) return { kind: "stale" };
  const input = state.step.input;
  if (choice.selection && pressed.value === DONE_VALUE && input.kind === "multi-choice") {
    // A whole selection at once ("1 3" typed under the list).
    const values: string[] = [];
    for (const data of choice.selection) {
      const picked = readChoiceData(data);
      const option = picked?.token === state.token ? findOption(input, picked.value) : undefined;
      if (!option) return refuse("dialog:unknownOption");
      values.push(option.value);
    }
    // Keep the data's order, whatever the order typed.
    const inOrder = input.options.map((o) => o.value).filter((v) => values.includes(v));
    return finishSelection(input, inOrder, state);
  }
  return readPress(pressed.value, state);
}

function readPress(value: string, state: StepState): Reading {
  const { step, answers } = state;
  const input = step.input;
  if (value === DONE_VALUE) {
    if (input.kind === "photo") return { kind: "answer", value: answers[step.id] ?? [] };
    if (input.kind === "multi-choice")
      return finishSelection(input, selectionOf(answers[step.id]), state);
    return refuse("dialog:unknownOption");
  }
  if (input.kind === "multi-choice" && input.none?.value === value) {
    return { kind: "answer", value: [] };
  }
  const option = findOption(input, value);
  if (!option) return refuse("dialog:unknownOption");
  if (input.kind === "choice") return { kind: "answer", value: option.value };
  if (input.kind === "confirm") return { kind: "answer", value: option.value === "yes" };
  if (input.kind === "multi-choice") {
    const picked = selectionOf(answers[step.id]);
    const next = picked.includes(option.value)
      ? picked.filter((v) => v !== option.value)
      : [...picked, option.value];
    // Keep the data's order, whatever the order of the presses.
    return {
      kind: "selection",
      value: input.options.map((o) => o.value).filter((v) => next.includes(v)),
    };
  }
  return refuse("dialog:unknownOption");
}

function finishSelection(
  input: Extract<Input, { kind: "multi-choice" }>,
  picked: string[],
  state: StepState,
): Reading {
  const min = input.min ?? 0;
  if (picked.length < min) {
    return refuse(input.none ? "dialog:pickAtLeastOrNone" : "dialog:pickAtLeast", {
      min,
      ...(input.none ? { none: state.labelOf(input.none.label) } : {}),
    });
  }
  return { kind: "answer", value: picked };
}

function readTyped(text: string, state: StepState): Reading {
  const { step } = state;
  const input = step.input;
  switch (input.kind) {
    case "number": {
      const reading = readFieldAnswer(text, {
        id: step.id,
        label: input.label,
        unit: input.unit,
        min: input.min,
        max: input.max,
      });
      if (reading.kind === "skip") return { kind: "answer", value: null };
      if (reading.kind === "refused") return { kind: "refused", reason: reading.reason };
      return { kind: "answer", value: { value: reading.value, approximate: reading.approximate } };
    }
    case "text": {
      const answer = text.trim();
      if (answer === "") return refuse("dialog:text.empty");
      const length = [...answer].length;
      if (length > input.maxLength) {
        return refuse("dialog:text.tooLong", { max: input.maxLength, length });
      }
      return { kind: "answer", value: answer };
    }
    case "photo": {
      // "xong" ends a photo step whatever its Done is labelled.
      const typed = typedForm(text);
      const done = typed !== "" && typed === typedForm(state.labelOf({ key: "dialog:done" }));
      if (done || readTypedChoice(text, state.choices, "single")) {
        return { kind: "answer", value: state.answers[step.id] ?? [] };
      }
      return refuse(`dialog:${mediaKeys(input)}.expected`);
    }
    case "choice":
    case "confirm":
    case "multi-choice": {
      // A typed pick reads as the choice it names, on every channel.
      const mode = input.kind === "multi-choice" ? "multi" : "single";
      const picked = readTypedChoice(text, state.choices, mode);
      if (picked) return readPick(picked, state);
      return refuse(mode === "multi" ? "dialog:choose.some" : "dialog:choose.one");
    }
  }
}
