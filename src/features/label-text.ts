import type { Text } from "../dialog/flow.js";
import { type LabelKind, labelKey } from "../reference/labels.js";

/** A reference label as a flow Text: the locale's label, else the data's own name. */
export function labelText(kind: LabelKind, id: string, fallback: string): Text {
  return { key: labelKey(kind, id), params: { defaultValue: fallback } };
}
