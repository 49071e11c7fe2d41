import type { Input, Option } from "./flow.js";

const YES: Option = { value: "yes", label: { key: "dialog:yes" } };
const NO: Option = { value: "no", label: { key: "dialog:no" } };

/** The options a step offers, in order (a confirm step offers yes and no). */
export function optionsOf(input: Input): Option[] {
  switch (input.kind) {
    case "choice":
    case "multi-choice":
      return input.options;
    case "confirm":
      return [
        { ...YES, label: input.yes ?? YES.label },
        { ...NO, label: input.no ?? NO.label },
      ];
    default:
      return [];
  }
}

/**
 * The option a pick names, checked against what the step offers now: a value the step does
 * not offer finds nothing.
 */
export function findOption(input: Input, value: string): Option | undefined {
  return optionsOf(input).find((option) => option.value === value);
}
