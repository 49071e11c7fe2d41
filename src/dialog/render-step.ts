import type { Translate } from "../i18n.js";
import type { Choice, Outbound } from "../messaging/outbound.js";
import { choiceData, DONE_VALUE } from "./choice-data.js";
import type { Answers, Step, Text } from "./flow.js";
import { optionsOf } from "./options.js";
import { say, sayLines } from "./text.js";

/** What the engine needs to show a step. */
export interface StepView {
  step: Step;
  t: Translate;
  /** The token this question's buttons carry. */
  token: string;
  answers: Answers;
  /** Whether the chat shows buttons; without, choices become numbered lines. */
  buttons: boolean;
  /** Explanations already given in this dialog. */
  hintsGiven: readonly string[];
  /** Lines shown before the question (a reason, "this question is closed", …). */
  lead?: readonly Text[];
}

/** A rendered question, and the explanations given so far (including any it added). */
export interface RenderedStep {
  message: Outbound;
  hintsGiven: string[];
}

const TICK = "✓";

/**
 * Shows a step: its question, then its choices as buttons (multi-choice ones ticked as they
 * are picked, with a Done button), or, on a chat without buttons, as numbered lines with a
 * short note on how to answer the first time each kind is met.
 */
export function renderStep(view: StepView): RenderedStep {
  const { step, t, token, buttons } = view;
  const hintsGiven = [...view.hintsGiven];
  const paragraphs: string[] = [];
  if (view.lead && view.lead.length > 0) paragraphs.push(sayLines(t, view.lead));
  // Without buttons a prompt may have a `_numbered` wording (no "press Done" in it).
  const question = [
    sayLines(
      t,
      buttons
        ? step.prompt
        : step.prompt.map((line) => ({ ...line, params: { ...line.params, context: "numbered" } })),
    ),
  ];
  const hint = (name: string, text: Text) => {
    if (hintsGiven.includes(name)) return;
    hintsGiven.push(name);
    question.push(say(t, text));
  };
  const input = step.input;
  const options = optionsOf(input);
  const rows: Choice[][] = [];
  const button = (value: string, index: number, label: string, selected?: boolean): Choice => ({
    data: choiceData(token, value, index),
    label,
    ...(selected === undefined ? {} : { selected }),
  });
  const doneLabel =
    input.kind === "photo" && input.doneLabel ? say(t, input.doneLabel) : t("dialog:done");

  if (input.kind === "choice" || input.kind === "confirm") {
    if (buttons) {
      const all = options.map((o, i) => button(o.value, i, say(t, o.label)));
      rows.push(...(input.kind === "confirm" ? [all] : all.map((b) => [b])));
    } else {
      hint("single", { key: "dialog:numbers.single" });
      question.push(...options.map((o, i) => `${i + 1}. ${say(t, o.label)}`));
    }
  } else if (input.kind === "multi-choice") {
    const picked = new Set(selectionOf(view.answers[step.id]));
    if (buttons) {
      options.forEach((o, i) => {
        const selected = picked.has(o.value);
        const label = selected ? `${TICK} ${say(t, o.label)}` : say(t, o.label);
        rows.push([button(o.value, i, label, selected)]);
      });
      if (input.none)
        rows.push([button(input.none.value, options.length, say(t, input.none.label))]);
      rows.push([button(DONE_VALUE, -1, t("dialog:done"))]);
    } else {
      hint("multi", { key: "dialog:numbers.multi" });
      question.push(...options.map((o, i) => `${i + 1}. ${say(t, o.label)}`));
      const none = input.none ? say(t, input.none.label) : t("dialog:numbers.noneOfThese");
      if (input.none || (input.min ?? 0) === 0) question.push(`0. ${none}`);
    }
  } else if (input.kind === "photo") {
    if (buttons) rows.push([button(DONE_VALUE, -1, doneLabel)]);
    else question.push(`0. ${doneLabel}`);
  }

  paragraphs.push(question.join("\n"));
  const message: Outbound = { text: paragraphs.join("\n\n") };
  if (rows.length > 0) {
    message.choices = rows;
    message.choiceMode = input.kind === "multi-choice" ? "multi" : "single";
  }
  return { message, hintsGiven };
}

/** A multi-choice answer or draft as a list of values. */
export function selectionOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
