import { readFieldAnswer } from "../domain/number-reading.js";
import type { Inbound, InboundPhoto } from "../messaging/inbound.js";
import { DONE_VALUE, readChoiceData } from "./choice-data.js";
import type { Answers, Input, Option, Step, Text } from "./flow.js";
import { readNumberedAnswer } from "./numbered-answer.js";
import { findOption, optionsOf } from "./options.js";
import { selectionOf } from "./render-step.js";
import { typedForm } from "./text.js";

/** What a message means for the current step. */
export type Reading =
  /** The step is answered with this value. */
  | { kind: "answer"; value: unknown }
  /** A multi-choice selection changed; the step waits for Done. */
  | { kind: "selection"; value: string[] }
  /** Photos to keep for a photo step. */
  | { kind: "photos"; photos: InboundPhoto[] }
  /** Not an acceptable answer: say why, and ask again. */
  | { kind: "refused"; reason: Text }
  /** A button of an earlier question. */
  | { kind: "stale" };

/** The current step, as far as reading a message goes. */
export interface StepState {
  step: Step;
  token: string | undefined;
  answers: Answers;
  /** Whether the chat shows buttons: only the wording of a refusal depends on it. */
  buttons: boolean;
  /** Option labels in the reader's language, to recognise a typed label. */
  labelOf: (text: Text) => string;
}

const refuse = (key: string, params?: Record<string, unknown>): Reading => ({
  kind: "refused",
  reason: params ? { key, params } : { key },
});

/**
 * Reads a message as an answer to the current step, re-checking everything a button claims
 * against what this step offers now (a forged or stale press is never taken at its word).
 */
export function readAnswer(inbound: Inbound, state: StepState): Reading {
  if (inbound.kind === "choice") {
    const pressed = readChoiceData(inbound.choice?.data ?? "");
    if (!pressed || pressed.token !== state.token) return { kind: "stale" };
    return readPress(pressed.value, state);
  }
  if (inbound.kind === "photo") {
    if (state.step.input.kind !== "photo") return refuse("dialog:photo.notHere");
    return { kind: "photos", photos: inbound.photos ?? [] };
  }
  return readTyped(inbound.text ?? "", state);
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
  const { step, buttons } = state;
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
      const numbers = readNumberedAnswer(text);
      const doneLabel = input.doneLabel ? state.labelOf(input.doneLabel) : "";
      const typed = typedForm(text);
      if ((numbers?.length === 1 && numbers[0] === 0) || isDoneWord(typed, doneLabel, state)) {
        return { kind: "answer", value: state.answers[step.id] ?? [] };
      }
      return refuse(buttons ? "dialog:photo.expected" : "dialog:photo.expectedNumbered");
    }
    case "choice":
    case "confirm":
      return readTypedChoice(text, state);
    case "multi-choice":
      return readTypedSelection(text, input, state);
  }
}

function isDoneWord(typed: string, doneLabel: string, state: StepState): boolean {
  if (typed === "") return false;
  return (
    typed === typedForm(state.labelOf({ key: "dialog:done" })) || typed === typedForm(doneLabel)
  );
}

function readTypedChoice(text: string, state: StepState): Reading {
  const input = state.step.input;
  const options = optionsOf(input);
  const numbers = readNumberedAnswer(text);
  let picked = numbers?.length === 1 ? options[(numbers[0] ?? 0) - 1] : undefined;
  picked ??= optionNamed(options, text, state);
  if (picked) {
    return {
      kind: "answer",
      value: input.kind === "confirm" ? picked.value === "yes" : picked.value,
    };
  }
  if (state.buttons) return refuse("dialog:useButtons");
  return refuse("dialog:numbers.pickOne", { max: options.length });
}

/**
 * A typed answer to a multi-choice step is the whole answer, on every channel: the numbers of
 * the options ("1 3", "0" for none), one option's label, the none label, or Done for what was
 * picked so far by pressing.
 */
function readTypedSelection(
  text: string,
  input: Extract<Input, { kind: "multi-choice" }>,
  state: StepState,
): Reading {
  const typed = typedForm(text);
  if (input.none && typed !== "" && typed === typedForm(state.labelOf(input.none.label))) {
    return { kind: "answer", value: [] };
  }
  if (isDoneWord(typed, "", state))
    return finishSelection(input, selectionOf(state.answers[state.step.id]), state);
  const named = optionNamed(input.options, text, state);
  if (named) return finishSelection(input, [named.value], state);
  const numbers = readNumberedAnswer(text);
  const max = input.options.length;
  if (numbers && numbers.length === 1 && numbers[0] === 0) {
    return input.none ? { kind: "answer", value: [] } : finishSelection(input, [], state);
  }
  if (!numbers || numbers.some((n) => n < 1 || n > max)) {
    return state.buttons ? refuse("dialog:useButtons") : refuse("dialog:numbers.pickSome", { max });
  }
  const chosen = new Set(numbers.map((n) => input.options[n - 1]?.value));
  return finishSelection(
    input,
    input.options.map((o) => o.value).filter((v) => chosen.has(v)),
    state,
  );
}

/** The option whose label is what the person typed (case, diacritics and ticks aside). */
function optionNamed(
  options: readonly Option[],
  text: string,
  state: StepState,
): Option | undefined {
  const typed = typedForm(text);
  if (typed === "") return undefined;
  return options.find((o) => typedForm(state.labelOf(o.label)) === typed);
}
