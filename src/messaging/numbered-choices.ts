import type { Translate } from "../i18n.js";
import type { Inbound } from "./inbound.js";
import { readNumberedAnswer } from "./numbered-answer.js";
import type { Choice, Outbound } from "./outbound.js";
import { typedForm } from "./typed-form.js";

/** One pick, or several then Done. */
export type ChoiceMode = NonNullable<Outbound["choiceMode"]>;

/** A choice as a numbered list shows it: 1, 2, … in order, and 0 for "none" or Done. */
export interface NumberedChoice {
  number: number;
  choice: Choice;
}

/** A choice's label as the person sees it: ticked when it is picked. */
export function shownLabel(choice: Choice): string {
  return choice.selected ? `✓ ${choice.label}` : choice.label;
}

/**
 * The numbers a list of choices is shown with, the one rule both the list and the reading of
 * a typed answer follow: the choices in order from 1, then the "none" (or, for a single pick,
 * Done) choice as 0. A multi-choice list has no Done line: the numbers typed are the whole
 * answer.
 */
export function numberedChoices(choices: readonly Choice[], mode: ChoiceMode): NumberedChoice[] {
  const numbered: NumberedChoice[] = [];
  let zero: Choice | undefined;
  for (const choice of choices) {
    if (choice.role === "done" && mode === "multi") continue;
    if (choice.role) zero ??= choice;
    else numbered.push({ number: numbered.length + 1, choice });
  }
  return zero ? [...numbered, { number: 0, choice: zero }] : numbered;
}

/**
 * A message's text with its choices as numbered lines under it, after one short line on how
 * to answer ("1" or "1 3"), for a chat without buttons. Dialogs and plain messages alike.
 */
export function textWithNumberedChoices(message: Outbound, t: Translate): string {
  const choices = (message.choices ?? []).flat();
  if (choices.length === 0) return message.text;
  const mode = message.choiceMode ?? "single";
  const numbered = numberedChoices(choices, mode);
  const hint = numbered.some((line) => line.number > 0)
    ? [t(mode === "multi" ? "choices:howTo.multi" : "choices:howTo.single")]
    : [];
  const lines = numbered.map(({ number, choice }) => `${number}. ${shownLabel(choice)}`);
  const text = message.text.trim();
  return [...(text === "" ? [] : [text, ""]), ...hint, ...lines].join("\n");
}

/**
 * What a typed text picks from a list of choices, as a pressed button would bring it: a
 * number ("2"), a label's words with or without diacritics ("khong co gi moi"), or for a
 * multi-choice the whole answer at once ("1 3", "1, 3 và 4", "0" for none), which comes as
 * its Done choice carrying the selection. Undefined when the text picks nothing.
 */
export function readTypedChoice(
  text: string,
  choices: readonly Choice[],
  mode: ChoiceMode,
): NonNullable<Inbound["choice"]> | undefined {
  const numbered = numberedChoices(choices, mode);
  const typed = typedForm(text);
  const named = typed === "" ? undefined : choices.find((c) => typedForm(c.label) === typed);
  const numbers = named ? undefined : readNumberedAnswer(text);
  if (mode === "single") {
    if (named) return { data: named.data };
    const picked =
      numbers?.length === 1 ? numbered.find((n) => n.number === numbers[0]) : undefined;
    return picked ? { data: picked.choice.data } : undefined;
  }
  const done = choices.find((c) => c.role === "done");
  if (named) {
    // None and Done stand for themselves; an option's label is the whole answer.
    if (named.role || !done) return { data: named.data };
    return { data: done.data, selection: [named.data] };
  }
  if (!numbers || !done) return undefined;
  if (numbers.length === 1 && numbers[0] === 0) {
    const zero = numbered.find((n) => n.number === 0);
    return zero ? { data: zero.choice.data } : { data: done.data, selection: [] };
  }
  const picked = new Set<string>();
  for (const number of numbers) {
    const line = numbered.find((n) => n.number === number && number > 0);
    if (!line) return undefined;
    picked.add(line.choice.data);
  }
  // In the list's order, whatever the order typed.
  return {
    data: done.data,
    selection: choices.filter((c) => picked.has(c.data)).map((c) => c.data),
  };
}
