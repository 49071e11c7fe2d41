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
  /** The token this question's choices carry. */
  token: string;
  answers: Answers;
  /** Lines shown before the question (a reason, "this question is closed", …). */
  lead?: readonly Text[];
}

/**
 * Shows a step: its question, then its choices in the abstract (multi-choice ones marked as
 * they are picked, then "none" and Done; a photo step's Done). How they look, buttons or
 * numbered lines, is the channel's to decide.
 */
export function renderStep(view: StepView): Outbound {
  const { step, t } = view;
  const paragraphs: string[] = [];
  if (view.lead && view.lead.length > 0) paragraphs.push(sayLines(t, view.lead));
  paragraphs.push(sayLines(t, step.prompt));
  const message: Outbound = { text: paragraphs.join("\n\n") };
  const rows = choicesOf(view);
  if (rows.length > 0) {
    message.choices = rows;
    message.choiceMode = step.input.kind === "multi-choice" ? "multi" : "single";
  }
  return message;
}

/** The Done choice of a question: ends a selection or a photo step. */
export function doneChoice(token: string, label: string): Choice {
  return { data: choiceData(token, DONE_VALUE), label, role: "done" };
}

/** A step's choices in rows (a confirm step's two side by side). */
export function choicesOf(view: Omit<StepView, "lead">): Choice[][] {
  const { step, t, token } = view;
  const input = step.input;
  const options = optionsOf(input);
  const choice = (value: string, label: Text): Choice => ({
    data: choiceData(token, value),
    label: say(t, label),
  });
  switch (input.kind) {
    case "choice":
      return options.map((o) => [choice(o.value, o.label)]);
    case "confirm":
      return [options.map((o) => choice(o.value, o.label))];
    case "multi-choice": {
      const picked = new Set(selectionOf(view.answers[step.id]));
      const rows: Choice[][] = options.map((o) => [
        { ...choice(o.value, o.label), selected: picked.has(o.value) },
      ]);
      if (input.none) rows.push([{ ...choice(input.none.value, input.none.label), role: "none" }]);
      rows.push([doneChoice(token, t("dialog:done"))]);
      return rows;
    }
    case "photo":
      return [[doneChoice(token, input.doneLabel ? say(t, input.doneLabel) : t("dialog:done"))]];
    default:
      return [];
  }
}

/** A multi-choice answer or draft as a list of values. */
export function selectionOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
